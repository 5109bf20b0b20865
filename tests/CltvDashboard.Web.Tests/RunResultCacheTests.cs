using CltvDashboard.Infrastructure.Queries;

namespace CltvDashboard.Web.Tests;

public sealed class RunResultCacheTests
{
    [Fact]
    public async Task A_run_figure_is_computed_once_until_the_run_id_names_another_run()
    {
        using var cache = new RunResultCache();
        var computed = 0;
        Task<int> Compute() => Task.FromResult(++computed);
        var first = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        cache.Observe(7, first);
        var a = await cache.GetOrAddAsync(7, "kpis", Compute);
        var b = await cache.GetOrAddAsync(7, "kpis", Compute);
        cache.Observe(7, first.AddHours(1));
        var c = await cache.GetOrAddAsync(7, "kpis", Compute);

        (a, b, c).Should().Be((1, 1, 2));
    }

    [Fact]
    public async Task Figures_of_different_runs_and_keys_are_kept_apart()
    {
        using var cache = new RunResultCache();

        var one = await cache.GetOrAddAsync(1, ("segments", "rfm"), () => Task.FromResult("run 1 rfm"));
        var two = await cache.GetOrAddAsync(2, ("segments", "rfm"), () => Task.FromResult("run 2 rfm"));
        var tiers = await cache.GetOrAddAsync(1, ("segments", "value-tier"), () => Task.FromResult("run 1 tiers"));

        (one, two, tiers).Should().Be(("run 1 rfm", "run 2 rfm", "run 1 tiers"));
    }
}
