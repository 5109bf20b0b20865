using System.Net.Http.Json;
using System.Text.Json;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests;

/// <summary>A run stored before ranges existed keeps its pages, which say that no range was computed.</summary>
public sealed class OldRunRangesTests(DemoApp demo) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Pages_of_a_run_without_ranges_say_none_was_computed_and_the_api_and_exports_leave_them_empty()
    {
        await using (var context = demo.App.CreateContext())
        {
            await context.KpiSummaries.ExecuteUpdateAsync(set => set.SetProperty(k => k.RangesJson, (string?)null));
            await context.SegmentSummaries.ExecuteUpdateAsync(set => set.SetProperty(s => s.RangesJson, (string?)null));
            await context.CustomerMetrics.ExecuteUpdateAsync(set => set
                .SetProperty(m => m.PurchasesLow80, (int?)null).SetProperty(m => m.PurchasesHigh80, (int?)null)
                .SetProperty(m => m.ClvLow80, (decimal?)null).SetProperty(m => m.ClvHigh80, (decimal?)null));
        }

        using var client = await demo.SignedInClientAsync(CltvRoles.Analyst);

        (await client.GetStringAsync("/Overview")).Should().Contain("No range was computed for this run").And.NotContain("80 % range:");
        (await client.GetStringAsync("/Segments")).Should().Contain("title=\"No range was computed for this run\"");
        (await client.GetStringAsync("/ModelHealth")).Should().Contain("No ranges were computed for this run").And.NotContain("id=\"holdout-range\"");
        var top = (await client.GetFromJsonAsync<JsonElement>("/api/v1/customers?pageSize=1")).GetProperty("items")[0];
        top.GetProperty("purchasesLow80").ValueKind.Should().Be(JsonValueKind.Null);
        (await client.GetStringAsync("/Customers/" + Uri.EscapeDataString(top.GetProperty("externalId").GetString()!)))
            .Should().Contain("no range was computed for this run").And.NotContain("(80 %)");
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/kpis")).GetProperty("current").GetProperty("ranges").ValueKind.Should().Be(JsonValueKind.Null);
        (await client.GetStringAsync("/exports/customers.csv")).Split('\n')[1].TrimEnd('\r').Should().EndWith(",,,,");
    }
}
