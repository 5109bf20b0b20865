using System.Net.Http.Json;
using System.Text.Json;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Pages.Shared;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests;

/// <summary>A run's warnings where its numbers are, and the owners' rule of thumb beside the model's CLV, on the demo run.</summary>
public sealed class RunWarningsAndRuleOfThumbTests(DemoApp demo) : IClassFixture<DemoApp>
{
    private const string Boundary = "The bgnbd fit sits on a boundary: the data show no dropout, so every customer looks active.";
    private const string FewRepeaters = "Only 12 of 240 customers (5.0%) bought more than once.";
    private const string ShortHistory = "The history is very short (2024-01-01 to 2024-05-01); forecasts beyond a few months are extrapolations.";

    [Fact]
    public async Task A_runs_warnings_are_a_notice_on_overview_segments_customers_and_a_customer_page_and_in_the_kpis()
    {
        await SetWarningsAsync(Boundary, FewRepeaters);
        using var client = await demo.SignedInClientAsync(CltvRoles.Analyst);

        foreach (var page in await DashboardPagesAsync())
        {
            var html = await client.GetStringAsync(page);
            html.Should().Contain("class=\"notice warn run-warnings\"", page)
                .And.Contain("The BG/NBD fit sits on a boundary", page + ": model names are written as people write them")
                .And.Contain(FewRepeaters, page)
                .And.NotContain("warnings about run #", page + ": two warnings are shown in full, not folded");
        }

        var kpis = await client.GetFromJsonAsync<JsonElement>("/api/v1/kpis");
        kpis.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).Should().Equal(Boundary, FewRepeaters);
    }

    [Fact]
    public async Task More_than_two_warnings_fold_under_the_first()
    {
        await SetWarningsAsync(Boundary, FewRepeaters, ShortHistory);
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

        var html = await client.GetStringAsync("/Overview");

        html.Should().MatchRegex("<details>\\s*<summary><strong>Read these figures with care: 3 warnings about run #" + demo.RunId).And.Contain(ShortHistory);
    }

    [Fact]
    public async Task Without_warnings_there_is_no_notice_and_the_kpis_list_none()
    {
        await SetWarningsAsync();
        using var client = await demo.SignedInClientAsync(CltvRoles.Analyst);

        foreach (var page in await DashboardPagesAsync())
        {
            (await client.GetStringAsync(page)).Should().NotContain("run-warnings", page);
        }

        var kpis = await client.GetFromJsonAsync<JsonElement>("/api/v1/kpis");
        kpis.GetProperty("warnings").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Model_health_leads_with_the_warnings_and_the_choice_in_plain_words_before_the_fits()
    {
        await SetWarningsAsync(Boundary);
        using var client = await demo.SignedInClientAsync(CltvRoles.Analyst);

        var html = await client.GetStringAsync("/ModelHealth");

        var warnings = html.IndexOf("id=\"model-warnings\"", StringComparison.Ordinal);
        var outcome = html.IndexOf("id=\"holdout-outcome\"", StringComparison.Ordinal);
        var fits = html.IndexOf("id=\"fits\"", StringComparison.Ordinal);
        warnings.Should().BePositive();
        outcome.Should().BeGreaterThan(warnings);
        fits.Should().BeGreaterThan(outcome, "the fits table comes after the summary in words");
        html.Should().Contain("The BG/NBD fit sits on a boundary").And.MatchRegex(@"The forecasts use (BG/NBD|Pareto/NBD|MBG/NBD) for how often customers buy and when they stop, and Gamma-Gamma");
        html.Should().MatchRegex(@"On the holdout, (BG/NBD|Pareto/NBD|MBG/NBD) expected [\d,]+ purchases where [\d,]+ happened");
        html[..fits].Should().NotMatchRegex(@"\b(bgnbd|paretonbd|mbgnbd)\b", "model names appear as people write them");
    }

    [Fact]
    public async Task Overview_shows_the_rule_of_thumb_beside_the_models_clv_and_segments_api_and_export_carry_it_under_its_own_name()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Analyst);
        decimal stored;
        List<(string Segment, decimal? Value)> bySegment;
        await using (var context = demo.App.CreateContext())
        {
            stored = (await context.KpiSummaries.SingleAsync(k => k.CalculationRunId == demo.RunId)).RuleOfThumbClv!.Value;
            bySegment = (await context.SegmentSummaries.Where(s => s.CalculationRunId == demo.RunId && s.Segmentation == "value-tier").ToListAsync())
                // The API writes money in cents (ApiNumbers); the stored figure keeps more places.
                .Select(s => (s.Segment, s.RuleOfThumbClv is { } clv ? Math.Round(clv, 2, MidpointRounding.AwayFromZero) : (decimal?)null)).ToList();
        }

        var overview = await client.GetStringAsync("/Overview");
        var segments = await client.GetStringAsync("/Segments");
        var kpis = await client.GetFromJsonAsync<JsonElement>("/api/v1/kpis");
        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/segments/value-tier");
        var csv = (await client.GetStringAsync("/exports/segments/value-tier.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        overview.Should().Contain("<span class=\"label\">Rule of thumb CLV</span>")
            .And.Contain("The owners&#x27; formula, not the model&#x27;s")
            .And.Contain("the model follows each customer&#x27;s own history and dropout");
        overview.IndexOf("Rule of thumb CLV", StringComparison.Ordinal).Should().BeGreaterThan(overview.IndexOf("Mean predicted CLV", StringComparison.Ordinal), "it sits next to the model's CLV");
        overview.Should().Contain(new DashboardFormat("USD", "UTC").Money(stored));
        segments.Should().Contain("Rule of thumb CLV</th>");
        var current = kpis.GetProperty("current");
        current.GetProperty("ruleOfThumb").GetProperty("ruleOfThumbClv").GetDecimal().Should().Be(stored);
        current.GetProperty("meanClv").GetDecimal().Should().NotBe(stored);
        api.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("segment").GetString()!, (decimal?)i.GetProperty("ruleOfThumbClv").GetDecimal()))
            .Should().BeEquivalentTo(bySegment);
        csv[0].Split(',').Should().Contain("rule_of_thumb_clv").And.Contain("mean_clv");
    }

    [Fact]
    public async Task A_run_without_the_rule_of_thumb_shows_a_dash_and_says_why()
    {
        await using var context = demo.App.CreateContext();
        var kpi = await context.KpiSummaries.SingleAsync(k => k.CalculationRunId == demo.RunId);
        var saved = (kpi.RuleOfThumbClv, kpi.RuleOfThumbPurchasesPerYear, kpi.YearlyRetention, kpi.RuleOfThumbLifespanYears, kpi.RuleOfThumbAcquisitionCost);
        (kpi.RuleOfThumbClv, kpi.RuleOfThumbPurchasesPerYear, kpi.YearlyRetention, kpi.RuleOfThumbLifespanYears, kpi.RuleOfThumbAcquisitionCost) = (null, null, null, null, null);
        // Instances keep a published run's figures by its identity (id and request time); a run stored by an older
        // version is another run, so the rewritten one gets another request time for the length of the test.
        var run = await context.CalculationRuns.SingleAsync(r => r.Id == demo.RunId);
        var requested = run.RequestedAtUtc;
        run.RequestedAtUtc = requested.AddSeconds(-1);
        await context.SaveChangesAsync();
        try
        {
            using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

            var overview = await client.GetStringAsync("/Overview");
            var kpis = await client.GetFromJsonAsync<JsonElement>("/api/v1/kpis");

            overview.Should().MatchRegex("<span class=\"label\">Rule of thumb CLV</span>\\s*<span class=\"value\">(–|&#x2013;)</span>")
                .And.Contain("calculated before the rule of thumb was stored");
            kpis.GetProperty("current").GetProperty("ruleOfThumb").GetProperty("ruleOfThumbClv").ValueKind.Should().Be(JsonValueKind.Null);
        }
        finally
        {
            (kpi.RuleOfThumbClv, kpi.RuleOfThumbPurchasesPerYear, kpi.YearlyRetention, kpi.RuleOfThumbLifespanYears, kpi.RuleOfThumbAcquisitionCost) = saved;
            run.RequestedAtUtc = requested;
            await context.SaveChangesAsync();
        }
    }

    private async Task SetWarningsAsync(params string[] warnings)
    {
        await using var context = demo.App.CreateContext();
        var text = warnings.Length > 0 ? string.Join('\n', warnings) : null;
        await context.CalculationRuns.Where(r => r.Id == demo.RunId).ExecuteUpdateAsync(r => r.SetProperty(x => x.Warnings, text));
    }

    private async Task<string[]> DashboardPagesAsync()
    {
        await using var context = demo.App.CreateContext();
        var customer = await context.CustomerMetrics.Where(m => m.CalculationRunId == demo.RunId).OrderBy(m => m.CustomerId)
            .Join(context.Customers, m => m.CustomerId, c => c.Id, (_, c) => c.ExternalId).FirstAsync();
        return ["/Overview", "/Segments", "/Customers", $"/Customers/{customer}"];
    }
}
