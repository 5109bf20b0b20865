using CltvDashboard.Domain.Alerts;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Tests.Calculation;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Tests.Alerts;

/// <summary>The alert rules judged after runs of the recalculation, on every provider.</summary>
public abstract class RunAlertsTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    private static readonly DateTime EarlierAsOf = new(1998, 1, 31, 12, 0, 0, DateTimeKind.Utc);

    private readonly TDatabase _store;

    protected RunAlertsTests(TDatabase store) => _store = store;

    [Fact]
    public async Task Two_cdnow_runs_with_a_later_as_of_date_alert_exactly_the_top_tier_customers_whose_chance_fell_below_the_high_risk_limit()
    {
        var database = await RunStore.WithCdnowMasterAsync(_store);
        var first = await RunStore.RecalculateAsync(database, EarlierAsOf);
        var second = await RunStore.RecalculateAsync(database, RunStore.CdnowEnd);

        // Expected from the two runs' stored figures alone: top tier now, below the high-risk limit now, at or above it before.
        var highBelow = (await SettingsAsync(database)).HighChurnRiskBelow;
        var before = (await RunStore.CustomersAsync(database, first.RunId)).ToDictionary(m => m.CustomerId);
        var expected = (await RunStore.CustomersAsync(database, second.RunId))
            .Where(m => m.ValueTier == "Top" && m.PurchaseProbability < highBelow
                && before.TryGetValue(m.CustomerId, out var earlier) && earlier.PurchaseProbability >= highBelow)
            .Select(m => m.CustomerId)
            .ToList();
        expected.Should().NotBeEmpty("five months without purchases drop some big spenders into high risk");

        var firings = await FiringsAsync(database);
        firings.Should().NotContain(f => f.CalculationRunId == first.RunId && f.Rule == AlertRuleKind.HighValueAtRisk, "the first run of a dataset has nothing to compare with");
        var firing = firings.Single(f => f.CalculationRunId == second.RunId && f.Rule == AlertRuleKind.HighValueAtRisk);
        firing.Customers.Select(c => c.CustomerId).Should().BeEquivalentTo(expected);
        firing.Customers.OrderBy(c => c.Position).Select(c => c.PredictedClv).Should().BeInDescendingOrder();
        firing.Customers.Should().OnlyContain(c => c.PreviousPurchaseProbability >= highBelow && c.PurchaseProbability < highBelow);
        firing.Summary.Should().StartWith($"{expected.Count} high-value customers");
        (await StatesAsync(database, AlertRuleKind.HighValueAtRisk)).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task An_alerted_customer_is_not_alerted_again_by_the_same_rule_before_recovering()
    {
        var database = await RunStore.WithCdnowMasterAsync(_store);
        await RunStore.RecalculateAsync(database, EarlierAsOf);
        await RunStore.RecalculateAsync(database, RunStore.CdnowEnd);
        var alerted = await StatesAsync(database, AlertRuleKind.HighValueAtRisk);
        alerted.Should().NotBeEmpty();

        // Rewind the previous run as if they had been safe then too: the rule would fire again but for their open state.
        await using (var context = CltvDatabase.CreateContext(database))
        {
            var previous = await context.CalculationRuns.Where(r => r.IsCurrent).Select(r => r.Id).SingleAsync();
            await context.CustomerMetrics.Where(m => m.CalculationRunId == previous && alerted.Contains(m.CustomerId))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.PurchaseProbability, 0.99));
        }

        var third = await RunStore.RecalculateAsync(database, RunStore.CdnowEnd);

        (await FiringsAsync(database)).Should().NotContain(f => f.CalculationRunId == third.RunId && f.Rule == AlertRuleKind.HighValueAtRisk);
        (await StatesAsync(database, AlertRuleKind.HighValueAtRisk)).Should().BeEquivalentTo(alerted, "they are still at risk and stay alerted");
    }

    [Fact]
    public async Task A_segment_that_grew_beyond_the_percentage_set_fires_with_both_sizes()
    {
        var database = await RunStore.WithCdnowMasterAsync(_store);
        var first = await RunStore.RecalculateAsync(database, EarlierAsOf);
        var second = await RunStore.RecalculateAsync(database, RunStore.CdnowEnd);

        var before = (await RunStore.SegmentsAsync(database, first.RunId)).ToDictionary(s => (s.Segmentation, s.Segment), s => s.CustomerCount);
        var expected = (await RunStore.SegmentsAsync(database, second.RunId))
            .Where(s => Segmentations.Tracked.Any(t => t.Key == s.Segmentation)
                && before.TryGetValue((s.Segmentation, s.Segment), out var was) && was > 0 && Math.Abs(s.CustomerCount - was) > 0.2 * was)
            .Select(s => (s.Segmentation, s.Segment))
            .ToList();
        expected.Should().NotBeEmpty();

        var firing = (await FiringsAsync(database)).Single(f => f.CalculationRunId == second.RunId && f.Rule == AlertRuleKind.SegmentChange);
        firing.Segments.Select(s => (s.Segmentation, s.Segment)).Should().BeEquivalentTo(expected);
        firing.Segments.Select(s => s.PreviousCustomers).Should().Equal(firing.Segments.Select(s => before[(s.Segmentation, s.Segment)]));
    }

    [Fact]
    public async Task Rules_switched_off_fire_nothing()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        await using (var context = CltvDatabase.CreateContext(database))
        {
            context.AlertSettings.Add(new AlertSettings { HighValueAtRisk = false, Overdue = false, SegmentChange = false, RunProblem = false });
            await context.SaveChangesAsync();
        }

        await RunStore.RecalculateAsync(database, EarlierAsOf);
        await RunStore.RecalculateAsync(database, RunStore.CdnowEnd);

        (await FiringsAsync(database)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_failed_run_fires_once_with_its_error()
    {
        var database = await RunStore.FreshAsync(_store);

        var failing = () => RunStore.RecalculateAsync(database);

        await failing.Should().ThrowAsync<RecalculationException>();
        var run = await RunStore.RunAsync(database, 1);
        var firing = (await FiringsAsync(database)).Should().ContainSingle().Subject;
        firing.Rule.Should().Be(AlertRuleKind.RunProblem);
        firing.CalculationRunId.Should().Be(run.Id);
        firing.Details.Should().Be(run.Error);

        await using var context = CltvDatabase.CreateContext(database);
        (await new Infrastructure.Alerts.RunAlerts(context, TimeProvider.System).AfterFailureAsync(run.Id, "again")).Should().BeNull("a run's failure is reported once");
    }

    [Fact]
    public async Task A_retry_that_succeeds_after_a_failed_attempt_reported_its_failure_is_judged_in_full()
    {
        var database = await RunStore.WithCdnowMasterAsync(_store);
        await RunStore.RecalculateAsync(database, EarlierAsOf);
        long retried;
        await using (var context = CltvDatabase.CreateContext(database))
        {
            var run = new CalculationRun { Status = CalculationRunStatus.Queued, Trigger = CalculationTrigger.Manual, AsOfUtc = RunStore.CdnowEnd, RequestedAtUtc = DateTime.UtcNow };
            context.CalculationRuns.Add(run);
            await context.SaveChangesAsync();
            retried = run.Id;
            (await new Infrastructure.Alerts.RunAlerts(context, TimeProvider.System).AfterFailureAsync(retried, "The database went away.")).Should().NotBeNull();
        }

        await using (var context = CltvDatabase.CreateContext(database))
        {
            (await new RecalculationPipeline(context).RunAsync(retried)).Status.Should().Be(CalculationRunStatus.Succeeded);
        }

        var firings = (await FiringsAsync(database)).Where(f => f.CalculationRunId == retried).ToList();
        firings.Should().ContainSingle(f => f.Rule == AlertRuleKind.HighValueAtRisk).Which.Customers.Should().NotBeEmpty();
        firings.Should().ContainSingle(f => f.Rule == AlertRuleKind.RunProblem).Which.Details.Should().Be("The database went away.");
    }

    private static async Task<BusinessSettings> SettingsAsync(string database)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.BusinessSettings.AsNoTracking().SingleAsync();
    }

    private static async Task<List<AlertFiring>> FiringsAsync(string database)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.AlertFirings.AsNoTracking().Include(f => f.Customers).Include(f => f.Segments).ToListAsync();
    }

    private static async Task<List<long>> StatesAsync(string database, AlertRuleKind rule)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.AlertCustomerStates.AsNoTracking().Where(s => s.Rule == rule).Select(s => s.CustomerId).ToListAsync();
    }
}
