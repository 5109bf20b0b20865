using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Hosting;
using CltvDashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests;

/// <summary>A newly published run's dashboard figures computed before anyone opens a page, on the CDNOW demo.</summary>
public abstract class RunCacheWarmerTests(DemoApp demo)
{
    // What each page and list call opens on when followed from the navigation: no query string.
    private static readonly string[] OpeningUrls =
    [
        "/Overview", "/Segments", "/Customers", "/Customers?preset=HighValueAtRisk", "/Customers?preset=Champions", "/Cohorts", "/ModelHealth",
        "/api/v1/kpis", "/api/v1/segments/rfm", "/api/v1/customers", "/api/v1/cohorts",
    ];

    [Fact]
    public async Task After_warming_the_dashboards_open_on_one_query_each_for_the_run_and_the_banner_to_share()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Analyst);
        var warmer = demo.App.Services.GetRequiredService<RunCacheWarmer>();

        var figures = await warmer.WarmAsync(CancellationToken.None);
        var again = await warmer.WarmAsync(CancellationToken.None);
        var perPage = new List<(string Url, IReadOnlyList<string> Queries)>();
        foreach (var url in OpeningUrls)
        {
            var before = demo.Commands.Count;
            var response = await client.GetAsync(url);
            response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, url);
            perPage.Add((url, demo.Commands.Since(before)));
        }

        figures.Should().BeGreaterThan(15, "the overview, segments, customer lists, cohorts and model health each have figures of their own");
        again.Should().Be(0, "the run was warmed already");
        perPage.Should().AllSatisfy(page => page.Queries.Should().ContainSingle(
            $"{page.Url} should read only which run is current (for its figures and the run banner alike), not: {string.Join(" | ", page.Queries)}"));
    }

    [Fact]
    public async Task The_run_banner_shows_the_current_run_on_dashboard_pages_and_on_the_others()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

        var overview = await client.GetStringAsync("/Overview");
        var runs = await client.GetStringAsync("/Runs");

        overview.Should().Contain($"run #{demo.RunId} · Succeeded", "a dashboard page hands its own run context to the banner");
        runs.Should().Contain($"run #{demo.RunId} · Succeeded", "a page without a run context reads it for the banner");
    }
}

public sealed class SqliteRunCacheWarmerTests(DemoApp demo) : RunCacheWarmerTests(demo), IClassFixture<DemoApp>;

public sealed class PostgresRunCacheWarmerTests(PostgresDemoApp demo) : RunCacheWarmerTests(demo), IClassFixture<PostgresDemoApp>;
