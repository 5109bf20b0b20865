using CltvDashboard.Domain.Rfm;
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

    private async Task<WhatIfResult> ProjectAsync(WhatIfScenario scenario)
    {
        await using var context = cdnow.CreateContext();
        using var cache = new RunResultCache();
        return (await new WhatIfQueries(context, cache).ProjectAsync(cdnow.RunId, scenario))!;
    }
}
