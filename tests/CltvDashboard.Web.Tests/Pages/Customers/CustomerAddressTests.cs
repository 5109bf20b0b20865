using System.Net;
using System.Text.RegularExpressions;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Pages.Customers;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests.Pages.Customers;

/// <summary>
/// Customer pages addressed by the customer's own id, on Kestrel so that addresses are decoded as in production: every
/// kind of id a file may hold is reached from the list's link, and the store's keys address nobody.
/// </summary>
public abstract partial class CustomerAddressTests(AppFixture fixture) : IAsyncLifetime
{
    private static readonly string LongestId = string.Concat(Enumerable.Repeat("顧客/", 85)) + "z";

    // What uploaded files hold: slashes, URL syntax, spaces, percent signs, markup, non-Latin text, path-like names, the
    // longest id the store keeps.
    private static readonly string[] IdList =
    [
        "7592",
        "ACME/42",
        "what?#x",
        "two  spaces ",
        "100%2F",
        "a+b&c=d",
        "<b>\"quoted\"</b>",
        "Zoë ☃ 顧客",
        @"back\slash",
        "Index",
        "/leading",
        "trailing/",
        "a//b",
        "..",
        ".",
        "x/../y",
        LongestId,
    ];

    private long _runId;

    public static TheoryData<string> Ids() => new(IdList);

    public async Task InitializeAsync()
    {
        await using var context = fixture.App.CreateContext();
        await context.CustomerMetrics.ExecuteDeleteAsync();
        await context.CalculationRuns.ExecuteDeleteAsync();
        await context.Customers.ExecuteDeleteAsync();
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
        foreach (var id in IdList)
        {
            await InsertCustomerAsync(id);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task The_customer_list_links_to_the_page_of_the_customers_own_id(string id)
    {
        using var client = await fixture.SignedInKestrelClientAsync(CltvRoles.Owner);
        var list = await client.GetStringAsync("/Customers");
        var href = Links(list).Single(link => link.Text == id).Href;

        var response = await client.GetAsync(href);

        response.StatusCode.Should().Be(HttpStatusCode.OK, href);
        var html = await response.Content.ReadAsStringAsync();
        Heading(html).Should().Be("Customer " + id, href);
        href.Should().StartWith(CustomerAddress.FitsInPath(id) ? "/Customers/" : "/Customer?id=");
        var history = await client.GetAsync(Links(html).Single(link => link.Text == "Download this customer's history (CSV)").Href);
        history.StatusCode.Should().Be(HttpStatusCode.OK);
        (await history.Content.ReadAsStringAsync()).Should().Contain(id.Contains('"', StringComparison.Ordinal) ? id.Replace("\"", "\"\"", StringComparison.Ordinal) : id);
    }

    [Fact]
    public async Task A_plain_id_is_its_own_readable_address()
    {
        using var client = await fixture.SignedInKestrelClientAsync(CltvRoles.Owner);

        Heading(await client.GetStringAsync("/Customers/7592")).Should().Be("Customer 7592");
        Heading(await client.GetStringAsync("/Customers/ACME/42")).Should().Be("Customer ACME/42");
        Heading(await client.GetStringAsync("/Customers/Index")).Should().Be("Customer Index", "the list is at /Customers; Index is a customer like any other");
    }

    [Fact]
    public async Task A_stores_key_in_the_address_shows_the_customer_with_that_id_or_nobody()
    {
        long key;
        await using (var context = fixture.App.CreateContext())
        {
            key = await context.Customers.Where(c => c.ExternalId == "ACME/42").Select(c => c.Id).SingleAsync();
        }

        using var client = await fixture.SignedInKestrelClientAsync(CltvRoles.Owner);
        var before = await client.GetAsync($"/Customers/{key}");
        await InsertCustomerAsync(key.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var after = await client.GetAsync($"/Customers/{key}");

        before.StatusCode.Should().Be(HttpStatusCode.NotFound, "no customer's own id is the store's key of ACME/42");
        WebUtility.HtmlDecode(await before.Content.ReadAsStringAsync()).Should().Contain($"There is no customer \u201c{key}\u201d in run #{_runId}");
        after.StatusCode.Should().Be(HttpStatusCode.OK);
        Heading(await after.Content.ReadAsStringAsync()).Should().Be($"Customer {key}", "the address names the customer whose own id it is");
    }

    [Fact]
    public async Task An_id_longer_than_any_stored_one_is_not_found_rather_than_cut_to_a_stored_one()
    {
        using var client = await fixture.SignedInKestrelClientAsync(CltvRoles.Owner);

        var response = await client.GetAsync("/Customers/" + Uri.EscapeDataString(LongestId + "z").Replace("%2F", "/", StringComparison.Ordinal));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task InsertCustomerAsync(string externalId)
    {
        await using var context = fixture.App.CreateContext();
        var customer = new Customer { ExternalId = externalId, FirstSeenAtUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        context.Customers.Add(customer);
        await context.SaveChangesAsync();
        context.CustomerMetrics.Add(new RunCustomerMetric
        {
            CalculationRunId = _runId,
            CustomerId = customer.Id,
            Frequency = 1,
            DaysSinceLastPurchase = 10,
            TotalRevenue = 10m,
            RecencyScore = 3,
            FrequencyScore = 3,
            MonetaryScore = 3,
            Segment = "Loyal",
            ValueTier = "Mid",
            ChurnRiskBand = "Low",
            AcquisitionCohort = new DateOnly(2024, 1, 1),
            ProbabilityAlive = 0.8,
            ExpectedPurchases = 1,
            PredictedClv = 10m,
        });
        await context.SaveChangesAsync();
    }

    private static List<(string Href, string Text)> Links(string html) =>
        LinkPattern().Matches(html).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();

    private static string Heading(string html) => WebUtility.HtmlDecode(HeadingPattern().Match(html).Groups[1].Value);

    [GeneratedRegex("<a [^>]*?href=\"([^\"]*)\"[^>]*>([^<]*)</a>")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<h1>([^<]*)</h1>")]
    private static partial Regex HeadingPattern();
}
