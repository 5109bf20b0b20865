using CltvDashboard.Domain.Rfm;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Tests.Queries;

/// <summary>What-if projections with the CDNOW run's fitted model.</summary>
public sealed class WhatIfQueriesTests(SqliteCdnowRun cdnow) : IClassFixture<SqliteCdnowRun>
{
    [Fact]
    public async Task Unchanged_scenario_reproduces_the_stored_clv()
    {
        var result = await ProjectAsync(new WhatIfScenario(null, 0, 0, 0));
        await using var context = cdnow.CreateContext();
        var stored = (await context.CustomerMetrics.Where(m => m.CalculationRunId == cdnow.RunId).Select(m => m.PredictedClv).ToListAsync()).Sum(v => v ?? 0);

        result.Customers.Should().Be(23_570);
        result.ScenarioClv.Should().Be(result.BaselineClv);
        ((double)result.BaselineClv).Should().BeApproximately((double)stored, (double)stored * 0.001);
    }

    [Fact]
    public async Task Order_value_scales_clv_in_proportion_and_behaviour_changes_move_it_the_right_way()
    {
        var value = await ProjectAsync(new WhatIfScenario(null, 0, 0, 0.1));
        var rate = await ProjectAsync(new WhatIfScenario(null, 0, 0.1, 0));
        var retention = await ProjectAsync(new WhatIfScenario(null, 0.2, 0, 0));
        var worse = await ProjectAsync(new WhatIfScenario(null, -0.2, 0, 0));

        value.RelativeChange.Should().BeApproximately(0.1, 1e-6);
        rate.RelativeChange.Should().BeApproximately(0.1, 1e-6, "active customers' future purchases scale with their rate");
        retention.RelativeChange.Should().BePositive();
        worse.RelativeChange.Should().BeNegative();
    }

    [Fact]
    public async Task A_segment_scenario_values_only_that_segment()
    {
        var champions = await ProjectAsync(new WhatIfScenario(RfmSegments.Champions, 0, 0, 0.1));

        champions.Customers.Should().Be(7_936);
    }

    [Fact]
    public async Task A_higher_order_value_moves_the_stored_clv_range_in_proportion()
    {
        var result = await ProjectAsync(new WhatIfScenario(null, 0, 0, 0.1));
        await using var context = cdnow.CreateContext();
        var stored = RunRanges.FromJson(await context.KpiSummaries.Where(k => k.CalculationRunId == cdnow.RunId).Select(k => k.RangesJson).SingleAsync())!.Total.Clv!.Value;

        result.BaselineRange!.Value.Low80.Should().BeApproximately(stored.Low80, stored.Low80 * 0.002, "the what-if values the customers the run valued");
        var scenario = result.ScenarioRange!.Value;
        scenario.MostLikely.Should().BeApproximately((double)result.ScenarioClv, 0.01);
        scenario.Low80.Should().BeApproximately(stored.Low80 * 1.1, stored.Low80 * 0.002, "the scenario's total is today's times 1.1");
        scenario.High95.Should().BeApproximately(stored.High95 * 1.1, stored.High95 * 0.002);
        scenario.Within80((double)result.ScenarioClv).Should().BeTrue();

        var change = result.ChangeRange!.Value;
        change.MostLikely.Should().BeApproximately((double)result.Change, 0.01);
        change.Low80.Should().BeApproximately(scenario.Low80 - (scenario.Low80 / 1.1), stored.Low80 * 0.002);
    }

    [Fact]
    public async Task A_worse_retention_gives_a_negative_change_whose_range_stays_ordered()
    {
        var result = await ProjectAsync(new WhatIfScenario(null, -0.2, 0, 0));

        var change = result.ChangeRange!.Value;
        change.High80.Should().BeNegative();
        change.Low95.Should().BeLessThanOrEqualTo(change.Low80);
        change.Low80.Should().BeLessThanOrEqualTo(change.MostLikely);
        change.MostLikely.Should().BeLessThanOrEqualTo(change.High80);
        change.High80.Should().BeLessThanOrEqualTo(change.High95);
    }

    [Fact]
    public async Task A_segment_scenario_takes_its_range_from_the_segment()
    {
        var result = await ProjectAsync(new WhatIfScenario(RfmSegments.Champions, 0, 0, 0));
        await using var context = cdnow.CreateContext();
        var json = await context.SegmentSummaries
            .Where(s => s.CalculationRunId == cdnow.RunId && s.Segmentation == Segmentations.Rfm && s.Segment == RfmSegments.Champions)
            .Select(s => s.RangesJson)
            .SingleAsync();
        var stored = TotalRangeFigures.FromJson(json)!.Clv!.Value;

        var scenario = result.ScenarioRange!.Value;
        (scenario.Low80 / scenario.MostLikely).Should().BeApproximately(stored.Low80 / stored.MostLikely, 1e-9);
        (scenario.High80 / scenario.MostLikely).Should().BeApproximately(stored.High80 / stored.MostLikely, 1e-9);
    }

    [Fact]
    public async Task A_run_that_stored_no_range_projects_without_one()
    {
        await using var context = cdnow.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync();
        await context.KpiSummaries.Where(k => k.CalculationRunId == cdnow.RunId).ExecuteUpdateAsync(set => set.SetProperty(k => k.RangesJson, (string?)null));
        using var cache = new RunResultCache();

        var result = (await new WhatIfQueries(context, cache).ProjectAsync(cdnow.RunId, new WhatIfScenario(null, 0, 0, 0.1)))!;

        result.ScenarioRange.Should().BeNull();
        result.BaselineRange.Should().BeNull();
        result.ChangeRange.Should().BeNull();
        result.ScenarioClv.Should().BePositive();
    }

    private async Task<WhatIfResult> ProjectAsync(WhatIfScenario scenario)
    {
        await using var context = cdnow.CreateContext();
        using var cache = new RunResultCache();
        return (await new WhatIfQueries(context, cache).ProjectAsync(cdnow.RunId, scenario))!;
    }
}
