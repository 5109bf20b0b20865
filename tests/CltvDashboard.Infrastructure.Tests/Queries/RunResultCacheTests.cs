using CltvDashboard.Infrastructure.Queries;

namespace CltvDashboard.Infrastructure.Tests.Queries;

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

    [Fact]
    public async Task Concurrent_requests_for_a_missing_figure_share_one_computation()
    {
        using var cache = new RunResultCache();
        var computed = 0;
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> Compute()
        {
            Interlocked.Increment(ref computed);
            return release.Task;
        }

        // Twenty requests in flight at once: none can finish before the computation is released.
        var waiting = Enumerable.Range(0, 20).Select(_ => cache.GetOrAddAsync(3, "overview", Compute)).ToList();
        waiting.Should().OnlyContain(t => !t.IsCompleted);

        release.SetResult(42);
        var values = await Task.WhenAll(waiting);

        values.Should().AllBeEquivalentTo(42);
        computed.Should().Be(1);
        (await cache.GetOrAddAsync(3, "overview", Compute)).Should().Be(42);
        computed.Should().Be(1);
    }

    [Fact]
    public async Task A_failed_computation_is_not_kept_and_the_next_request_computes_again()
    {
        using var cache = new RunResultCache();
        var attempts = 0;
        Task<int> Compute() => ++attempts == 1 ? throw new InvalidOperationException("database gone") : Task.FromResult(attempts);

        var failed = () => cache.GetOrAddAsync(4, "kpis", Compute);

        await failed.Should().ThrowAsync<InvalidOperationException>();
        (await cache.GetOrAddAsync(4, "kpis", Compute)).Should().Be(2);
    }

    [Fact]
    public async Task When_the_request_that_computes_is_cancelled_a_waiting_request_computes_instead()
    {
        using var cache = new RunResultCache();
        using var firstRequest = new CancellationTokenSource();
        var computed = 0;
        async Task<int> Compute(CancellationToken token)
        {
            if (Interlocked.Increment(ref computed) == 1)
            {
                await Task.Delay(Timeout.Infinite, token);
            }

            return 7;
        }

        var first = cache.GetOrAddAsync(5, "trend", () => Compute(firstRequest.Token), firstRequest.Token);
        var second = cache.GetOrAddAsync(5, "trend", () => Compute(CancellationToken.None));
        await firstRequest.CancelAsync();

        await first.Invoking(async f => await f).Should().ThrowAsync<OperationCanceledException>();
        (await second).Should().Be(7);
        computed.Should().Be(2);
    }
}
