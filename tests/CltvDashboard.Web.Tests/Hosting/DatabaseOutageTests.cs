using System.Net;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Npgsql;

namespace CltvDashboard.Web.Tests.Hosting;

/// <summary>
/// The application on PostgreSQL reached through a relay the test cuts, as when the database server goes down or the
/// network to it fails: pages answer 503 with a page that says so and retries, and work again once it is back.
/// </summary>
public sealed class DatabaseOutageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task During_a_database_outage_a_dashboard_says_the_database_is_unreachable_and_retries_until_it_is_back()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var direct = new NpgsqlConnectionStringBuilder(database.Database);
        await using var relay = new TcpForwarder(direct.Host!, direct.Port);
        var relayed = new NpgsqlConnectionStringBuilder(database.Database) { Host = "127.0.0.1", Port = relay.Port }.ConnectionString;
        await using var app = new CltvWebFactory(database, new Dictionary<string, string> { ["ConnectionStrings:Cltv"] = relayed });
        using var client = await app.SignedInClientAsync(CltvRoles.Owner);
        (await client.GetAsync("/Overview")).StatusCode.Should().Be(HttpStatusCode.OK);

        await relay.CutAsync();

        using var down = await client.GetAsync("/Overview?segment=all");
        down.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        down.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(15));
        var html = await down.Content.ReadAsStringAsync();
        html.Should().Contain("<h1>The database cannot be reached</h1>");
        html.Should().Contain("<meta http-equiv=\"refresh\" content=\"15\" />", "the page tries again by itself");
        html.Should().Contain("<a href=\"/Overview?segment=all\">Try again now</a>");
        using var api = await client.GetAsync("/api/runs/1/status");
        api.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        api.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        (await client.GetAsync("/css/site.css")).StatusCode.Should().Be(HttpStatusCode.OK, "the page's stylesheet needs no database");

        relay.Restore();

        var until = DateTime.UtcNow + Deadline;
        HttpStatusCode status;
        do
        {
            using var again = await client.GetAsync("/Overview");
            status = again.StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < until && await Delay());
        status.Should().Be(HttpStatusCode.OK, "the page opens again once the database answers");
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250);
        return true;
    }
}
