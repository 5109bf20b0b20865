using System.Data.Common;
using System.Net;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests.Privacy;

/// <summary>Contacts on the customer page and a customer's erasure through the web application.</summary>
public abstract class CustomerErasureTests<TApp>(TApp fixture)
    where TApp : ContactsApp
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task Customer_page_shows_the_contact_to_a_signed_in_owner_with_no_erase_button()
    {
        var (id, _, name) = ContactsApp.Contacts[2];
        using var owner = await App.SignedInClientAsync(CltvRoles.Owner);

        var html = await owner.GetStringAsync($"/Customers/{id}");

        html.Should().Contain("cy.shown@example.com", "the address is stored in lower case").And.Contain(name);
        html.Should().NotContain("erase-customer");
        (await App.CreateAnonymousClient().GetAsync($"/Customers/{id}")).StatusCode.Should().Be(HttpStatusCode.Redirect, "anonymous visitors are sent to sign in");
    }

    [Fact]
    public async Task Only_an_admin_may_open_or_post_an_erasure()
    {
        var id = ContactsApp.Contacts[1].Id;
        using var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var token = await CltvWebFactory.AntiforgeryTokenAsync(admin, $"/Erasures/Erase?id={id}");

        foreach (var role in new[] { CltvRoles.Owner, CltvRoles.Analyst })
        {
            using var client = await App.SignedInClientAsync(role);
            (await client.GetAsync($"/Erasures/Erase?id={id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden, role);
            (await client.GetAsync("/Erasures")).StatusCode.Should().Be(HttpStatusCode.Forbidden, role);
            var post = await client.PostAsync("/Erasures/Erase", new FormUrlEncodedContent(new Dictionary<string, string> { ["CustomerId"] = "1", ["__RequestVerificationToken"] = token }));
            post.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.BadRequest);
        }

        (await App.CreateAnonymousClient().GetAsync("/Erasures")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetStringAsync($"/Customers/{id}")).Should().Contain("erase-customer");
        await using var context = App.CreateContext();
        (await context.Customers.SingleAsync(c => c.ExternalId == id)).Email.Should().Be("bob.keep@example.com", "nobody but an Admin erased anything");
    }

    [Fact]
    public async Task After_erasure_no_page_export_api_answer_log_line_or_table_holds_the_customer_and_totals_are_unchanged()
    {
        var (id, email, name) = ContactsApp.Contacts[0];
        using var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        await using (var before = App.CreateContext())
        {
            (await before.Customers.SingleAsync(c => c.ExternalId == id)).Email.Should().Be(email.ToLowerInvariant());
        }

        (await admin.GetStringAsync($"/Customers/{id}")).Should().Contain(email.ToLowerInvariant());
        var kpisBefore = await KpisAsync(fixture.RunId);

        var confirmation = await admin.GetStringAsync($"/Erasures/Erase?id={id}");
        var key = System.Text.RegularExpressions.Regex.Match(confirmation, "name=\"CustomerId\" value=\"(\\d+)\"").Groups[1].Value;
        var response = await CltvWebFactory.PostFormAsync(admin, $"/Erasures/Erase?id={id}", new() { ["CustomerId"] = key }, "/Erasures/Erase");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var audit = await admin.GetStringAsync(response.Headers.Location!.OriginalString);
        var pseudonym = System.Text.RegularExpressions.Regex.Match(audit, "erased-[a-z2-7]{20}").Value;
        pseudonym.Should().NotBeEmpty("the audit list names the pseudonym");

        var afterRun = await fixture.RecalculateAsync();
        string[] forbidden = [id, email, email.ToLowerInvariant(), name, "Erasewell"];
        using var owner = await App.SignedInClientAsync(CltvRoles.Owner);
        var batches = await BatchIdsAsync();
        string[] urls =
        [
            "/Customers", $"/Customers?q={pseudonym}", $"/Customers/{pseudonym}", "/Customers?sort=CustomerId&pageSize=500", "/Overview", "/Segments",
            "/exports/customers.csv", $"/exports/customers/history.csv?id={pseudonym}", "/api/v1/customers?pageSize=500", "/api/v1/kpis", "/Erasures", "/Imports",
            .. batches.Select(b => $"/Imports/Details/{b}"), .. batches.Select(b => $"/imports/{b}/rejected.csv"),
        ];
        foreach (var url in urls)
        {
            var answer = await admin.GetAsync(url);
            answer.StatusCode.Should().Be(HttpStatusCode.OK, url);
            var text = await answer.Content.ReadAsStringAsync();
            foreach (var value in forbidden)
            {
                text.Should().NotContain(value, url);
            }
        }

        (await owner.GetAsync($"/Customers/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var log = fixture.LogText();
        log.Should().Contain("Customer erased by user", "the log is captured");
        log.Should().Contain("/Customers/{id}", "customer pages were requested and logged without their id");
        foreach (var value in forbidden)
        {
            log.Should().NotContain(value, "log lines hold no personal data");
            (await TablesHoldingAsync(value)).Should().BeEmpty(value);
        }

        var kpisAfter = await KpisAsync(afterRun);
        kpisAfter.Customers.Should().Be(kpisBefore.Customers);
        kpisAfter.Revenue.Should().Be(kpisBefore.Revenue);
        kpisAfter.Clv.Should().BeApproximately(kpisBefore.Clv, 0.01m);
        (await KpisAsync(fixture.RunId)).Should().Be(kpisBefore, "the finished run is unchanged");
    }

    private async Task<List<long>> BatchIdsAsync()
    {
        await using var context = App.CreateContext();
        return await context.ImportBatches.Select(b => b.Id).ToListAsync();
    }

    private async Task<(int Customers, decimal Revenue, decimal Clv)> KpisAsync(long runId)
    {
        await using var context = App.CreateContext();
        var kpis = await context.KpiSummaries.AsNoTracking().SingleAsync(k => k.CalculationRunId == runId);
        return (kpis.Customers, kpis.HistoricalRevenue, kpis.TotalClv ?? 0);
    }

    // Every text value of every table the model maps (the application's whole store, Identity included), read raw.
    private async Task<List<string>> TablesHoldingAsync(string value)
    {
        await using var context = App.CreateContext();
        var tables = context.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().ToList();
        var found = new List<string>();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i) && reader.GetValue(i) is string text && text.Contains(value, StringComparison.OrdinalIgnoreCase))
                    {
                        found.Add($"{table}.{reader.GetName(i)}");
                    }
                }
            }
        }

        return found;
    }
}
