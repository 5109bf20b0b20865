using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests;

/// <summary>
/// The chance of buying again and the expected next purchase on the customer page, the customer list, the API and the
/// customer export, over the CDNOW demo run. Its data end in 1998, long before today, so nobody is judged overdue (every
/// regular would look overdue only because the data stop); the rule itself is checked on the queries with a today
/// near the data's end (CustomerListQueriesTests).
/// </summary>
public sealed partial class CustomerNextPurchaseTests(DemoApp demo) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Customer_page_shows_the_chance_of_buying_again_and_the_expected_next_purchase_of_a_regular()
    {
        await using var context = demo.App.CreateContext();
        var regular = await context.CustomerMetrics.AsNoTracking()
            .Where(m => m.CalculationRunId == demo.RunId && m.Frequency >= OverdueRule.RegularFromRepeatPurchases && m.ExpectedNextPurchase != null)
            .OrderBy(m => m.CustomerId)
            .FirstAsync();
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

        var html = await client.GetStringAsync($"/Customers/{await ExternalIdAsync(regular.CustomerId)}");

        html.Should().Contain("Chance of buying again in the next 90 days");
        Fact(html, "fact-purchase-probability").Should().MatchRegex(@"^\d{1,3} %$");
        var next = Fact(html, "fact-next-purchase");
        next.Should().StartWith(regular.ExpectedNextPurchase!.Value.ToString("d MMM yyyy", CultureInfo.InvariantCulture));
        next.Should().NotContain("overdue", "the demo's data end in 1998");
        html.Should().Contain("still a customer at all", "P(alive) is explained as what it is");
    }

    [Fact]
    public async Task Customer_page_says_not_expected_when_the_model_never_gives_an_even_chance()
    {
        await using var context = demo.App.CreateContext();
        var gone = await context.CustomerMetrics.AsNoTracking()
            .Where(m => m.CalculationRunId == demo.RunId && m.PurchaseProbability != null && m.ExpectedNextPurchase == null)
            .OrderBy(m => m.CustomerId)
            .FirstAsync();
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

        var html = await client.GetStringAsync($"/Customers/{await ExternalIdAsync(gone.CustomerId)}");

        Fact(html, "fact-next-purchase").Should().Be("not expected");
    }

    [Fact]
    public async Task Customer_list_sorts_by_the_new_columns_and_on_old_data_explains_why_nobody_is_overdue()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

        var likeliest = await client.GetStringAsync("/Customers?sort=PurchaseProbability&desc=true");
        var overdue = await client.GetStringAsync("/Customers?preset=Overdue");
        var everybody = await client.GetStringAsync("/Customers");

        everybody.Should().Contain("Chance of buying again, 90 days").And.Contain("Expected next purchase").And.Contain("?preset=Overdue");
        Percentages(likeliest).Should().NotBeEmpty().And.BeInDescendingOrder();
        overdue.Should().Contain("Your data end on 1998-06-30").And.Contain("Import recent transactions");
        Regex.Count(overdue, "badge bad\">overdue<").Should().Be(0);
        Regex.Count(everybody, "badge bad\">overdue<").Should().Be(0);
    }

    [Fact]
    public async Task Api_customers_carry_the_chance_of_buying_again_the_expected_next_purchase_and_overdue()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

        var likeliest = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers?sort=PurchaseProbability&pageSize=100");
        var soonest = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers?sort=ExpectedNextPurchase&desc=false&pageSize=100");
        var overdue = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers?preset=Overdue&pageSize=500");

        var chances = likeliest.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("purchaseProbability").GetDouble()).ToList();
        chances.Should().BeInDescendingOrder().And.OnlyContain(p => p > 0 && p <= 1);
        var days = soonest.GetProperty("items").EnumerateArray().Select(c => DateOnly.ParseExact(c.GetProperty("expectedNextPurchase").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        days.Should().BeInAscendingOrder().And.OnlyContain(d => d > new DateOnly(1998, 6, 30));
        overdue.GetProperty("totalCount").GetInt32().Should().Be(0, "nobody is judged overdue on data that ended in 1998");
        likeliest.GetProperty("items").EnumerateArray().Should().OnlyContain(c => !c.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Customer_export_has_the_purchase_probability_expected_next_purchase_and_overdue_columns()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

        var csv = await client.GetStringAsync("/exports/customers.csv?sort=ExpectedNextPurchase&desc=false");
        var overdue = await client.GetStringAsync("/exports/customers.csv?preset=Overdue");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        // The four columns of the 80 % ranges come last.
        header[^7..^4].Should().Equal("purchase_probability", "expected_next_purchase", "overdue");
        var first = lines[1].Split(',');
        double.Parse(first[^7], CultureInfo.InvariantCulture).Should().BeInRange(0, 1);
        DateOnly.ParseExact(first[^6], "yyyy-MM-dd", CultureInfo.InvariantCulture).Should().BeAfter(new DateOnly(1998, 6, 30));
        lines.Skip(1).Select(l => l.Split(',')[^5]).Should().OnlyContain(overdueCell => overdueCell == "false");
        overdue.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle("only the header: nobody is overdue on old data");
    }

    [Fact]
    public async Task Settings_page_explains_the_window_and_the_churn_limits_on_the_chance_of_buying_again()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Admin);

        var html = await client.GetStringAsync("/Settings");

        html.Should().Contain("Chance of buying again within N days").And.Contain("name=\"Input.PurchaseWindowDays\"").And.Contain("value=\"90\"");
        html.Should().Contain("High churn risk below a chance of buying again of").And.Contain("Medium churn risk below a chance of buying again of");
    }

    // Customer pages are addressed by the customer's own id, not the store's key.
    private async Task<string> ExternalIdAsync(long key)
    {
        await using var context = demo.App.CreateContext();
        return await context.Customers.Where(c => c.Id == key).Select(c => c.ExternalId).SingleAsync();
    }

    private static string Fact(string html, string id)
    {
        var match = Regex.Match(html, $"<dd id=\"{id}\">(.*?)</dd>", RegexOptions.Singleline);
        match.Success.Should().BeTrue(id);
        return WebUtility(Tags().Replace(match.Groups[1].Value, "")).Trim();
    }

    private static string WebUtility(string text) => System.Net.WebUtility.HtmlDecode(text);

    // The list's chance-of-buying-again column: the fourth cell of each row.
    private static List<double> Percentages(string html) =>
        Rows().Matches(html).Select(m => double.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"<tr>\s*<th scope=""row"">.*?</th>\s*<td>.*?</td>\s*<td class=""num[^""]*"">.*?</td>\s*<td class=""num[^""]*"">([\d.,]+) %</td>", RegexOptions.Singleline)]
    private static partial Regex Rows();
}
