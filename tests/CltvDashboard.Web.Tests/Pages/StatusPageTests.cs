using System.Net;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests.Pages;

/// <summary>
/// The application's own pages for what is missing or not allowed, with their status codes kept and a way back; the
/// JSON API keeps bare status codes.
/// </summary>
public sealed class StatusPageTests(SqliteApp fixture) : IClassFixture<SqliteApp>, IAsyncLifetime
{
    private long _runId;

    private CltvWebFactory App => fixture.App;

    public async Task InitializeAsync()
    {
        await using var context = App.CreateContext();
        await context.CustomerMetrics.ExecuteDeleteAsync();
        await context.CalculationRuns.ExecuteDeleteAsync();
        var run = new CalculationRun
        {
            Status = CalculationRunStatus.Succeeded,
            AsOfUtc = new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc),
            RequestedAtUtc = DateTime.UtcNow,
            ObservationEnd = new DateOnly(2024, 6, 30),
            PercentComplete = 100,
            IsCurrent = true,
        };
        context.CalculationRuns.Add(run);
        await context.SaveChangesAsync();
        _runId = run.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_missing_customer_gets_the_not_found_page_with_a_search_for_the_id_and_the_start_page()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var response = await client.GetAsync("/Customers/no%20such%20customer");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var html = await TextAsync(response);
        html.Should().Contain("<h1>Not found</h1>").And.Contain($"There is no customer \u201cno such customer\u201d in run #{_runId}.");
        html.Should().Contain("href=\"/Customers?q=no%20such%20customer\">Search the customers for it</a>").And.Contain("href=\"/\">Back to the start page</a>");
        html.Should().Contain("href=\"/Overview\"", "the page is in the application's layout, navigation and all");
    }

    [Fact]
    public async Task A_missing_import_gets_the_not_found_page_with_the_way_back_to_the_imports()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);

        var response = await client.GetAsync("/Imports/Details/987654");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await TextAsync(response)).Should().Contain("There is no import #987654.").And.Contain("href=\"/Imports\">Back to Imports</a>");
    }

    [Fact]
    public async Task A_missing_download_and_an_unknown_address_get_the_not_found_page()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var download = await client.GetAsync("/exports/customers/history.csv?id=nobody");
        var unknown = await client.GetAsync("/no/such/page");

        download.StatusCode.Should().Be(HttpStatusCode.NotFound);
        download.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await TextAsync(download)).Should().Contain($"Run #{_runId} has nothing to download at this address").And.Contain("href=\"/Customers\">Back to Customers</a>");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await TextAsync(unknown)).Should().Contain("There is no page at /no/such/page.").And.Contain("href=\"/\">Back to the start page</a>");
    }

    [Fact]
    public async Task A_refused_page_gets_the_not_allowed_page_at_its_own_address_naming_who_may_open_it()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var page = await client.GetAsync("/Settings");
        var export = await client.GetAsync("/exports/model-fits.csv");
        var users = await client.GetAsync("/Users");

        page.StatusCode.Should().Be(HttpStatusCode.Forbidden, "refused where it was asked, not redirected");
        var html = await TextAsync(page);
        html.Should().Contain("<h1>Not allowed</h1>").And.Contain("Settings is for Analysts and Admins, and you are signed in as an Owner. Ask an Admin if you need it.");
        html.Should().Contain("href=\"/\">Back to the start page</a>").And.NotContain("Back to Settings");
        export.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await TextAsync(export)).Should().Contain("Model health is for Analysts and Admins");
        (await TextAsync(users)).Should().Contain("Users is for Admins, and you are signed in as an Owner.");
    }

    [Fact]
    public async Task A_refused_post_gets_the_not_allowed_page_too()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var response = await CltvWebFactory.PostFormAsync(client, "/", [], "/?handler=LoadDemo");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await TextAsync(response)).Should().Contain("<h1>Not allowed</h1>");
    }

    [Fact]
    public async Task The_json_api_keeps_bare_status_codes()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var missing = await client.GetAsync("/api/v1/segments/nonsense");
        var refused = await client.GetAsync("/api/v1/cohorts");

        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).Should().BeEmpty();
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).Should().BeEmpty();
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
