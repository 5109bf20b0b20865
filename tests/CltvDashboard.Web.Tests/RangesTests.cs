using System.Net.Http.Json;
using System.Text.Json;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

/// <summary>The forecasts' ranges on the CDNOW demo's pages, API and exports, read as the run stored them.</summary>
public sealed class RangesTests(DemoApp demo) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Overview_segments_and_a_customer_page_show_80_percent_ranges()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

        var overview = await client.GetStringAsync("/Overview");
        overview.Should().Contain("80 % range: $").And.Contain("Still customers at all: ");
        var segments = await client.GetStringAsync("/Segments");
        segments.Should().Contain("Mean CLV, 80 % range").And.MatchRegex("class=\"num clv-range\"[^>]*>\\$[0-9.,]+ (–|&#x2013;) \\$[0-9.,]+<");
        var top = (await client.GetFromJsonAsync<JsonElement>("/api/v1/customers?pageSize=1")).GetProperty("items")[0].GetProperty("externalId").GetString();
        var customer = await client.GetStringAsync("/Customers/" + Uri.EscapeDataString(top!));
        customer.Should().MatchRegex("between [0-9,]+ and [0-9,]+ purchases? in the next 12 months \\(80 %\\)").And.Contain("id=\"range-clv\">80 % range: $");
    }

    [Fact]
    public async Task Model_health_sets_the_holdouts_95_percent_range_beside_what_happened_and_says_what_the_ranges_leave_out()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Analyst);

        var page = await client.GetStringAsync("/ModelHealth");

        page.Should().MatchRegex("Its 95 % range for the holdout&#x27;s purchases was [0-9,]+ (–|&#x2013;) [0-9,]+; [0-9,]+ happened\\.");
        page.Should().Contain("That is within the range.", "with the demo's 6-month holdout BG/NBD expects 2 % fewer purchases than happened, well within chance");
        page.Should().Contain("they do not include a wrong model or a business that changes");
    }

    [Fact]
    public async Task Api_and_exports_carry_the_80_and_95_percent_bounds()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

        var kpis = (await client.GetFromJsonAsync<JsonElement>("/api/v1/kpis")).GetProperty("current");
        var revenue = kpis.GetProperty("ranges").GetProperty("revenue");
        var predicted = kpis.GetProperty("predictedRevenue").GetDouble();
        revenue.GetProperty("low95").GetDouble().Should().BeLessThan(revenue.GetProperty("low80").GetDouble());
        revenue.GetProperty("low80").GetDouble().Should().BeLessThan(predicted);
        revenue.GetProperty("high80").GetDouble().Should().BeGreaterThan(predicted);
        revenue.GetProperty("high95").GetDouble().Should().BeGreaterThan(revenue.GetProperty("high80").GetDouble());
        revenue.GetProperty("high80").GetDouble().Should().Be(Math.Round(revenue.GetProperty("high80").GetDouble(), 2), "money is written to cents");
        revenue.TryGetProperty("relativeHalfWidth80", out _).Should().BeFalse();
        kpis.GetProperty("ranges").GetProperty("activeCustomers").GetProperty("high95").GetDouble().Should().BePositive();

        var segment = (await client.GetFromJsonAsync<JsonElement>("/api/v1/segments/rfm")).GetProperty("items")[0];
        segment.GetProperty("ranges").GetProperty("purchases").GetProperty("low80").GetDouble()
            .Should().BeLessThanOrEqualTo(segment.GetProperty("expectedPurchases").GetDouble());
        var customer = (await client.GetFromJsonAsync<JsonElement>("/api/v1/customers?pageSize=1")).GetProperty("items")[0];
        customer.GetProperty("purchasesLow80").GetInt32().Should().BeLessThanOrEqualTo(customer.GetProperty("purchasesHigh80").GetInt32());
        customer.GetProperty("clvLow80").GetDouble().Should().BeLessThanOrEqualTo(customer.GetProperty("clvHigh80").GetDouble());

        var customers = (await client.GetStringAsync("/exports/customers.csv")).Split('\n');
        customers[0].TrimEnd('\r').Should().EndWith(",overdue,purchases_low80,purchases_high80,clv_low80,clv_high80");
        customers[1].TrimEnd('\r').Split(',')[^4..].Should().OnlyContain(cell => cell.Length > 0);
        var segments = (await client.GetStringAsync("/exports/segments/rfm.csv")).Split('\n');
        segments[0].TrimEnd('\r').Should().EndWith(",total_clv_low80,total_clv_high80,total_clv_low95,total_clv_high95");
        segments[1].TrimEnd('\r').Split(',')[^8..].Should().OnlyContain(cell => cell.Length > 0);
    }
}
