using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

/// <summary>
/// What keeps the dashboards fast from the first request after a run is published, on the CDNOW demo: each page and
/// API call reads a few indexed rows of the run's stored figures, never an aggregate over its customers.
/// </summary>
public abstract class DashboardReadTests(DemoApp demo)
{
    private const int MostQueriesPerPage = 7;

    // What each page and list call opens on when followed from the navigation: no query string.
    private static readonly string[] FigurePages =
    [
        "/Overview", "/Segments", "/Segments?migration=value-tier", "/Cohorts", "/ModelHealth",
        "/api/v1/kpis", "/api/v1/segments/rfm", "/api/v1/cohorts",
    ];

    // A page of customers is computed per request (any filter, sort and page may be asked for).
    private static readonly string[] CustomerListPages = ["/Customers", "/Customers?preset=HighValueAtRisk", "/Customers?preset=Champions", "/api/v1/customers"];

    [Fact]
    public async Task Pages_of_a_newly_published_run_read_its_stored_figures_without_touching_its_customer_rows()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Analyst);

        var pages = await ReadAsync(client, FigurePages);

        pages.Should().AllSatisfy(page =>
        {
            page.Queries.Should().HaveCountLessThanOrEqualTo(MostQueriesPerPage, $"{page.Url} reads a few stored rows: {string.Join(" | ", page.Queries)}");
            page.Queries.Should().NotContain(q => q.Contains("customer_metrics", StringComparison.OrdinalIgnoreCase), $"{page.Url} reads what the run stored for it");
        });
    }

    [Fact]
    public async Task Customer_lists_read_one_page_of_the_runs_customers_once_per_instance()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Analyst);

        var first = await ReadAsync(client, CustomerListPages);
        var again = await ReadAsync(client, CustomerListPages);

        // Besides, each view reads its page's customer ids again by key, so that a customer erased since (on any instance)
        // shows as their pseudonym.
        first.Should().AllSatisfy(page => page.Queries.Should().HaveCountLessThanOrEqualTo(4, $"{page.Url} reads the run, a count, a page and its ids: {string.Join(" | ", page.Queries)}"));
        again.Should().AllSatisfy(page => page.Queries.Should().HaveCountLessThanOrEqualTo(2, $"{page.Url} was read before; only which run is current and the page's ids are read again: {string.Join(" | ", page.Queries)}"));
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

    private async Task<List<(string Url, IReadOnlyList<string> Queries)>> ReadAsync(HttpClient client, IEnumerable<string> urls)
    {
        var pages = new List<(string Url, IReadOnlyList<string> Queries)>();
        foreach (var url in urls)
        {
            var before = demo.Commands.Count;
            var response = await client.GetAsync(url);
            response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, url);
            // The session's check against the store is the sign-in's cost, made at most every few seconds, not the page's.
            pages.Add((url, demo.Commands.Since(before).Where(q => !q.Contains("user_sessions", StringComparison.Ordinal)).ToList()));
        }

        return pages;
    }
}

/// <summary>On the SQLite default.</summary>
public sealed class SqliteDashboardReadTests(DemoApp demo) : DashboardReadTests(demo), IClassFixture<DemoApp>;

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresDashboardReadTests(PostgresDemoApp demo) : DashboardReadTests(demo), IClassFixture<PostgresDemoApp>;
