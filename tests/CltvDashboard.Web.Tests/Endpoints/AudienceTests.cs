using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Endpoints;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests.Endpoints;

/// <summary>Contact lists for Klaviyo and Mailchimp, as CSV and through the API, on the customers who came with an e-mail address.</summary>
public abstract class AudienceTests<TApp>(TApp fixture)
    where TApp : ContactsApp
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task Klaviyo_csv_has_klaviyos_headers_and_only_the_customers_with_an_email()
    {
        using var owner = await App.SignedInClientAsync(CltvRoles.Owner);

        var response = await owner.GetAsync("/exports/audiences/klaviyo.csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName!.Should().Contain("audience-klaviyo");
        var table = Csv.Parse(await response.Content.ReadAsStringAsync());
        table[0].Should().Equal(ExportEndpoints.KlaviyoColumns);
        table[0][..3].Should().Equal("Email", "First Name", "Last Name");
        var rows = Rows(table);
        rows.Select(r => r["Email"]).Should().BeEquivalentTo(ContactsApp.Contacts.Select(c => c.Email.ToLowerInvariant()), "CDNOW's customers have no address");
        var ann = rows.Single(r => r["Email"] == "ann.erase@example.com");
        (ann["First Name"], ann["Last Name"]).Should().Be(("Ann", "Erasewell"));
        var expected = await MetricAsync(ContactsApp.Contacts[0].Id);
        ann["CLV Segment"].Should().Be(expected.Segment);
        ann["CLV Value Tier"].Should().Be(expected.ValueTier);
        ann["CLV Churn Risk"].Should().Be(expected.ChurnRiskBand);
        double.Parse(ann["CLV Chance of Buying Again"], System.Globalization.CultureInfo.InvariantCulture).Should().BeApproximately(expected.PurchaseProbability!.Value, 1e-4);
        decimal.Parse(ann["CLV Predicted Value"], System.Globalization.CultureInfo.InvariantCulture).Should().BeApproximately(expected.PredictedClv!.Value, 0.01m);
        ann["CLV Next Purchase Date"].Should().Be(expected.ExpectedNextPurchase?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        rows.Select(r => decimal.Parse(r["CLV Predicted Value"], System.Globalization.CultureInfo.InvariantCulture)).Should().BeInDescendingOrder("the list's default order, highest CLV first");
    }

    [Fact]
    public async Task Mailchimp_csv_has_mailchimps_headers_and_the_segment_tier_and_risk_as_tags()
    {
        using var owner = await App.SignedInClientAsync(CltvRoles.Owner);

        var table = Csv.Parse(await owner.GetStringAsync("/exports/audiences/mailchimp.csv"));

        table[0].Should().Equal(ExportEndpoints.MailchimpColumns);
        table[0][..4].Should().Equal("Email Address", "First Name", "Last Name", "Tags");
        var rows = Rows(table);
        rows.Should().HaveCount(ContactsApp.Contacts.Length);
        var expected = await MetricAsync(ContactsApp.Contacts[1].Id);
        rows.Single(r => r["Email Address"] == "bob.keep@example.com")["Tags"].Should().Be($"{expected.Segment}, {expected.ValueTier} value, {expected.ChurnRiskBand} churn risk");
    }

    [Fact]
    public async Task A_tier_or_band_filter_keeps_only_its_customers()
    {
        using var owner = await App.SignedInClientAsync(CltvRoles.Owner);
        var tier = (await MetricAsync(ContactsApp.Contacts[3].Id)).ValueTier;
        var inTier = new List<string>();
        foreach (var (id, email, _) in ContactsApp.Contacts)
        {
            if ((await MetricAsync(id)).ValueTier == tier)
            {
                inTier.Add(email.ToLowerInvariant());
            }
        }

        var rows = Rows(Csv.Parse(await owner.GetStringAsync("/exports/audiences/klaviyo.csv" + ExportEndpoints.AudienceQuery(tier: tier))));

        rows.Select(r => r["Email"]).Should().BeEquivalentTo(inTier);
        Rows(Csv.Parse(await owner.GetStringAsync("/exports/audiences/klaviyo.csv?risk=NoSuchBand"))).Should().BeEmpty();
    }

    [Fact]
    public async Task Audience_api_pages_the_contacts_with_the_customers_figures()
    {
        using var owner = await App.SignedInClientAsync(CltvRoles.Owner);

        var page = await owner.GetFromJsonAsync<JsonElement>("/api/v1/audiences?pageSize=3&page=2");

        page.GetProperty("totalCount").GetInt32().Should().Be(ContactsApp.Contacts.Length);
        page.GetProperty("pageCount").GetInt32().Should().Be(2);
        var item = page.GetProperty("items").EnumerateArray().Single();
        item.GetProperty("email").GetString().Should().EndWith("@example.com");
        item.GetProperty("customer").GetProperty("segment").GetString().Should().NotBeNullOrEmpty();
        (await App.CreateAnonymousClient().GetAsync("/api/v1/audiences")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await owner.GetAsync("/api/v1/audiences?pageSize=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await owner.GetStringAsync("/api/v1/openapi.json")).Should().Contain("/api/v1/audiences");
    }

    [Fact]
    public async Task Customer_list_and_segment_tables_link_to_the_contact_lists()
    {
        using var owner = await App.SignedInClientAsync(CltvRoles.Owner);

        (await owner.GetStringAsync("/Customers?segment=Champions")).Should().Contain("/exports/audiences/klaviyo.csv?segment=Champions").And.Contain("/exports/audiences/mailchimp.csv?segment=Champions");
        var segments = await owner.GetStringAsync("/Segments");
        segments.Should().Contain("/exports/audiences/mailchimp.csv?tier=").And.Contain("/exports/audiences/klaviyo.csv?risk=");
    }

    private async Task<Infrastructure.Data.Entities.RunCustomerMetric> MetricAsync(string externalId)
    {
        await using var context = App.CreateContext();
        var customerId = await context.Customers.Where(c => c.ExternalId == externalId).Select(c => c.Id).SingleAsync();
        return await context.CustomerMetrics.AsNoTracking().SingleAsync(m => m.CalculationRunId == fixture.RunId && m.CustomerId == customerId);
    }

    private static List<Dictionary<string, string>> Rows(List<string[]> table) =>
        table.Skip(1).Select(r => table[0].Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
}
