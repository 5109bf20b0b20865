using System.Globalization;
using System.Text.Json;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Validation;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Calculation;

/// <summary>The recalculation pipeline over a real store, the same suite on every provider.</summary>
public abstract class PipelineTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    private readonly TDatabase _store;

    protected PipelineTests(TDatabase store) => _store = store;

    [Fact]
    public async Task Cdnow_master_run_stores_every_customer_and_segment_totals_that_add_up()
    {
        var database = await RunStore.WithCdnowMasterAsync(_store);

        var summary = await RunStore.RecalculateAsync(database);

        summary.Status.Should().Be(CalculationRunStatus.Succeeded);
        summary.Customers.Should().Be(23_570);
        summary.ObservationEnd.Should().Be(new DateOnly(1998, 6, 30));
        summary.CalibrationEnd.Should().Be(new DateOnly(1997, 12, 30), "the default holdout is the last 6 months");
        summary.ChosenModel.Should().NotBeNull();
        summary.StageTimings.Select(t => t.Stage).Should().Contain([RunStages.Reading, RunStages.FittingCalibration, RunStages.Writing]);

        var run = await RunStore.RunAsync(database, summary.RunId);
        run.IsCurrent.Should().BeTrue();
        run.Stage.Should().Be(RunStages.Done);
        run.PercentComplete.Should().Be(100);
        run.SettingsVersion.Should().Be(1);
        run.SettingsJson.Should().Contain("\"HoldoutMonths\":6");

        var customers = await RunStore.CustomersAsync(database, summary.RunId);
        customers.Should().HaveCount(23_570);
        customers.Should().OnlyContain(c => c.PredictedClv != null && c.ProbabilityAlive >= 0 && c.ProbabilityAlive <= 1);
        var revenue = customers.Sum(c => c.TotalRevenue);
        var clv = customers.Sum(c => c.PredictedClv!.Value);
        var purchases = customers.Sum(c => c.ExpectedPurchases!.Value);

        var segments = await RunStore.SegmentsAsync(database, summary.RunId);
        segments.Select(s => s.Segmentation).Distinct().Should().BeEquivalentTo(Segmentations.All);
        foreach (var segmentation in segments.GroupBy(s => s.Segmentation))
        {
            segmentation.Sum(s => s.CustomerCount).Should().Be(23_570, segmentation.Key);
            segmentation.Sum(s => s.TotalRevenue).Should().Be(revenue, segmentation.Key);
            segmentation.Sum(s => s.TotalPredictedClv!.Value).Should().Be(clv, segmentation.Key);
            segmentation.Sum(s => s.TotalExpectedPurchases!.Value).Should().BeApproximately(purchases, 1e-6 * purchases, segmentation.Key);
            segmentation.Sum(s => s.Share).Should().BeApproximately(1, 1e-9, segmentation.Key);
        }

        segments.Where(s => s.Segmentation == Segmentations.AcquisitionCohort).Select(s => s.Segment)
            .Should().BeEquivalentTo(["1997-01", "1997-02", "1997-03"], "CDNOW's customers were all acquired in the first quarter of 1997");
        var fits = await RunStore.FitsAsync(database, summary.RunId);
        fits.Where(f => f.Period == ModelFitPeriod.Calibration).Select(f => f.ModelName).Should().BeEquivalentTo(["bgnbd", "paretonbd", "mbgnbd"]);
        fits.Where(f => f.Period == ModelFitPeriod.Calibration).Should().OnlyContain(f => f.HoldoutMeanAbsoluteError != null && f.BaselineMeanAbsoluteError != null);
        fits.Should().ContainSingle(f => f.Period == ModelFitPeriod.FullHistory && f.IsChosen && f.ModelName == summary.ChosenModel);
        fits.Should().ContainSingle(f => f.ModelName == GammaGammaParameters.ModelName && f.IsChosen);
    }

    [Fact]
    public async Task Cdnow_master_run_stores_the_chosen_models_tracking_curve_and_frequency_buckets_that_match_the_counts()
    {
        var database = await RunStore.WithCdnowMasterAsync(_store);

        var summary = await RunStore.RecalculateAsync(database);

        var checks = await RunStore.ChecksAsync(database, summary.RunId);
        var chosen = (await RunStore.FitsAsync(database, summary.RunId)).Single(f => f.Period == ModelFitPeriod.Calibration && f.IsChosen);
        var repeatPurchases = (await RunStore.CustomersAsync(database, summary.RunId)).Sum(c => c.Frequency);
        var calibrationEnd = summary.CalibrationEnd!.Value;

        var tracking = checks.Where(p => p.Kind == ModelCheckKind.Tracking).ToList();
        tracking.Should().HaveCount(78, "1997-01-01 to 1998-06-30 is 546 days: 78 weeks");
        tracking.Select(p => p.Position).Should().Equal(Enumerable.Range(0, 78));
        tracking[0].PeriodEnd.Should().Be(new DateOnly(1997, 1, 7));
        tracking[^1].PeriodEnd.Should().Be(new DateOnly(1998, 6, 30));
        tracking.Should().OnlyContain(p => p.InHoldout == (p.PeriodEnd > calibrationEnd));
        tracking.Sum(p => p.Actual).Should().BeApproximately(repeatPurchases, 1e-6, "every CDNOW customer was acquired before the calibration end, so the curve counts every repeat purchase");
        tracking[^1].CumulativeActual.Should().BeApproximately(repeatPurchases, 1e-6);
        tracking.Where(p => p.InHoldout).Sum(p => p.Actual).Should().BeApproximately(chosen.HoldoutActualPurchases!.Value, 1e-6);
        tracking.Where(p => !p.InHoldout).Sum(p => p.Actual).Should().BeApproximately(repeatPurchases - chosen.HoldoutActualPurchases!.Value, 1e-6);
        tracking.Should().OnlyContain(p => p.Predicted >= 0 && p.Customers > 0 && p.Customers <= 23_570);
        tracking[^1].Customers.Should().Be(23_570);
        tracking[^1].CumulativePredicted.Should().BeApproximately(repeatPurchases, 0.1 * repeatPurchases, "the chosen model tracks CDNOW's repeat purchases within 10%");

        var buckets = checks.Where(p => p.Kind == ModelCheckKind.Frequency).ToList();
        buckets.Select(p => p.Position).Should().Equal(Enumerable.Range(0, ModelCheckPoints.FrequencyBuckets));
        buckets.Sum(p => p.Customers).Should().Be(chosen.CustomersUsed);
        buckets.Sum(p => p.Customers * p.Actual).Should().BeApproximately(chosen.HoldoutActualPurchases!.Value, 1e-6);
        buckets.Sum(p => p.Customers * p.Predicted).Should().BeApproximately(chosen.HoldoutPredictedPurchases!.Value, 1e-6);
        buckets.Select(p => p.Predicted).Should().BeInAscendingOrder("customers who bought more often in calibration are expected to buy more in the holdout");
    }

    [Fact]
    public async Task Cdnow_sample_bgnbd_fit_stored_by_a_run_equals_the_engines()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        await RunStore.ChangeSettingsAsync(database, s => s.HoldoutMonths = 0);

        var summary = await RunStore.RecalculateAsync(database, new DateTime(1997, 9, 30, 23, 0, 0, DateTimeKind.Utc));

        var stored = (await RunStore.FitsAsync(database, summary.RunId)).Single(f => f.ModelName == BgNbdParameters.ModelName);
        stored.Period.Should().Be(ModelFitPeriod.FullHistory);
        var parameters = JsonSerializer.Deserialize<Dictionary<string, double>>(stored.ParametersJson)!;
        var engine = BgNbdFitter.Fit(SampleHistories(new DateOnly(1997, 9, 30))).Parameters;
        parameters["r"].Should().BeApproximately(engine.R, 1e-6 * engine.R);
        parameters["alpha"].Should().BeApproximately(engine.Alpha, 1e-6 * engine.Alpha);
        parameters["a"].Should().BeApproximately(engine.A, 1e-6 * engine.A);
        parameters["b"].Should().BeApproximately(engine.B, 1e-6 * engine.B);
        // Fader, Hardie & Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426.
        parameters["r"].Should().BeApproximately(0.243, 0.0005);
        parameters["alpha"].Should().BeApproximately(4.414, 0.0005);
    }

    [Fact]
    public async Task A_failing_run_records_why_and_leaves_the_previous_run_current()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        var first = await RunStore.RecalculateAsync(database);
        await RunStore.ChangeSettingsAsync(database, s => s.ForecastHorizonMonths = 0);

        var act = () => RunStore.RecalculateAsync(database);

        await act.Should().ThrowAsync<RecalculationException>();
        (await RunStore.CurrentRunIdAsync(database)).Should().Be(first.RunId);
        await using var context = CltvDatabase.CreateContext(database);
        var failed = await context.CalculationRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstAsync();
        failed.Status.Should().Be(CalculationRunStatus.Failed);
        failed.IsCurrent.Should().BeFalse();
        failed.Error.Should().Contain(nameof(BusinessSettings.ForecastHorizonMonths));
        (await RunStore.CustomersAsync(database, first.RunId)).Should().HaveCount(2_357);
        (await RunStore.CustomersAsync(database, failed.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Retrying_a_run_whose_attempt_died_replaces_what_it_left_without_duplicates()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        long runId;
        await using (var context = CltvDatabase.CreateContext(database))
        {
            var run = new CalculationRun { Status = CalculationRunStatus.Running, Trigger = CalculationTrigger.Import, AsOfUtc = RunStore.CdnowEnd, RequestedAtUtc = RunStore.CdnowEnd, Attempts = 1 };
            context.CalculationRuns.Add(run);
            await context.SaveChangesAsync();
            runId = run.Id;
            var someone = await context.Customers.OrderBy(c => c.Id).FirstAsync();
            context.CustomerMetrics.Add(new RunCustomerMetric { CalculationRunId = runId, CustomerId = someone.Id, Segment = "Left over", ValueTier = "Top", ChurnRiskBand = "Low" });
            context.SegmentSummaries.Add(new RunSegmentSummary { CalculationRunId = runId, Segmentation = Segmentations.Rfm, Segment = "Left over", CustomerCount = 1 });
            context.Set<RunModelCheckPoint>().Add(new RunModelCheckPoint { CalculationRunId = runId, Kind = ModelCheckKind.Tracking, Position = 0, Actual = -1 });
            await context.SaveChangesAsync();
        }

        await using (var context = CltvDatabase.CreateContext(database))
        {
            await new RecalculationPipeline(context).RunAsync(runId);
        }

        var customers = await RunStore.CustomersAsync(database, runId);
        customers.Should().HaveCount(2_357);
        customers.Should().NotContain(c => c.Segment == "Left over");
        (await RunStore.SegmentsAsync(database, runId)).Should().NotContain(s => s.Segment == "Left over");
        var checks = await RunStore.ChecksAsync(database, runId);
        checks.Should().NotBeEmpty().And.NotContain(p => p.Actual < 0);
        var finished = await RunStore.RunAsync(database, runId);
        finished.Attempts.Should().Be(2);
        finished.IsCurrent.Should().BeTrue();
    }

    [Fact]
    public async Task Later_runs_report_segment_movement_and_migrations_and_prune_beyond_the_retention()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        await RunStore.ChangeSettingsAsync(database, s => s.RunsToKeep = 2);
        var first = await RunStore.RecalculateAsync(database, new DateTime(1998, 3, 31, 12, 0, 0, DateTimeKind.Utc));
        var second = await RunStore.RecalculateAsync(database);
        var third = await RunStore.RecalculateAsync(database);

        var segments = await RunStore.SegmentsAsync(database, third.RunId);
        var rfm = segments.Where(s => s.Segmentation == Segmentations.Rfm).ToList();
        rfm.Should().OnlyContain(s => s.PreviousCustomerCount != null);
        rfm.Sum(s => s.PreviousCustomerCount!.Value).Should().Be(2_357);
        rfm.Sum(s => s.CustomersMovedIn!.Value).Should().Be(0, "the second and third runs see the same data");

        var secondSegments = (await RunStore.SegmentsAsync(database, second.RunId)).Where(s => s.Segmentation == Segmentations.Rfm).ToList();
        secondSegments.Sum(s => s.CustomersMovedIn!.Value).Should().Be(secondSegments.Sum(s => s.CustomersMovedOut!.Value));
        secondSegments.Sum(s => s.CustomersMovedIn!.Value).Should().BePositive("three more months change recency");

        await using var context = CltvDatabase.CreateContext(database);
        var moves = await context.SegmentMigrations.AsNoTracking().Where(m => m.CalculationRunId == second.RunId && m.Segmentation == Segmentations.Rfm).ToListAsync();
        moves.Sum(m => m.CustomerCount).Should().Be(2_357);
        moves.Where(m => m.FromSegment != m.ToSegment).Sum(m => m.CustomerCount).Should().Be(secondSegments.Sum(s => s.CustomersMovedIn!.Value));
        var stays = await context.SegmentMigrations.AsNoTracking().Where(m => m.CalculationRunId == third.RunId).ToListAsync();
        stays.Select(m => m.Segmentation).Distinct().Should().BeEquivalentTo([Segmentations.Rfm, Segmentations.ValueTier, Segmentations.ChurnRisk]);
        stays.Should().OnlyContain(m => m.FromSegment == m.ToSegment);
        (await context.CalculationRuns.Select(r => r.Id).ToListAsync()).Should().BeEquivalentTo([second.RunId, third.RunId]);
        (await context.CustomerMetrics.AnyAsync(m => m.CalculationRunId == first.RunId)).Should().BeFalse();
        (await context.Set<RunModelCheckPoint>().AnyAsync(p => p.CalculationRunId == first.RunId)).Should().BeFalse();
        (await context.Set<RunModelCheckPoint>().AnyAsync(p => p.CalculationRunId == second.RunId)).Should().BeTrue();
    }

    [Fact]
    public async Task Two_runs_started_at_once_take_turns_and_the_newer_one_ends_current()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);

        var runs = await Task.WhenAll(Task.Run(() => RunStore.RecalculateAsync(database)), Task.Run(() => RunStore.RecalculateAsync(database)));

        var (older, newer) = runs[0].RunId < runs[1].RunId ? (runs[0], runs[1]) : (runs[1], runs[0]);
        newer.Status.Should().Be(CalculationRunStatus.Succeeded);
        (await RunStore.CustomersAsync(database, newer.RunId)).Should().HaveCount(2_357);
        (await RunStore.CurrentRunIdAsync(database)).Should().Be(newer.RunId);
        var first = await RunStore.RunAsync(database, older.RunId);
        var second = await RunStore.RunAsync(database, newer.RunId);
        if (older.Status == CalculationRunStatus.Succeeded)
        {
            second.StartedAtUtc.Should().BeOnOrAfter(first.FinishedAtUtc!.Value, "a run starts only when the other has finished");
            (await RunStore.CustomersAsync(database, older.RunId)).Should().HaveCount(2_357);
        }
        else
        {
            older.Status.Should().Be(CalculationRunStatus.Superseded, "the older run waited while the newer one ran");
            (await RunStore.CustomersAsync(database, older.RunId)).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task A_retry_of_an_older_failed_run_after_a_newer_run_succeeded_is_superseded_and_leaves_the_newer_current()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        var failed = await InsertRunAsync(database, CalculationRunStatus.Failed, started: true);
        var newer = await RunStore.RecalculateAsync(database);

        RecalculationSummary retry;
        await using (var context = CltvDatabase.CreateContext(database))
        {
            retry = await new RecalculationPipeline(context).RunAsync(failed);
        }

        retry.Status.Should().Be(CalculationRunStatus.Superseded);
        var old = await RunStore.RunAsync(database, failed);
        old.Status.Should().Be(CalculationRunStatus.Superseded);
        old.IsCurrent.Should().BeFalse();
        old.Error.Should().Be("The database was unavailable.", "the reason of the failed attempt stays readable");
        (await RunStore.CustomersAsync(database, failed)).Should().BeEmpty();
        (await RunStore.CurrentRunIdAsync(database)).Should().Be(newer.RunId);
        (await RunStore.CustomersAsync(database, newer.RunId)).Should().HaveCount(2_357);
    }

    [Fact]
    public async Task A_run_starting_marks_older_queued_failed_and_abandoned_runs_superseded_and_their_late_jobs_do_nothing()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        var queued = await InsertRunAsync(database, CalculationRunStatus.Queued, started: false);
        var failed = await InsertRunAsync(database, CalculationRunStatus.Failed, started: true);
        var abandoned = await InsertRunAsync(database, CalculationRunStatus.Running, started: true);
        var newer = await RunStore.RecalculateAsync(database);

        foreach (var id in new[] { queued, failed, abandoned })
        {
            (await RunStore.RunAsync(database, id)).Status.Should().Be(CalculationRunStatus.Superseded, $"run {id} is older than run {newer.RunId}");
            await using var context = CltvDatabase.CreateContext(database);
            (await new RecalculationPipeline(context).RunAsync(id)).Status.Should().Be(CalculationRunStatus.Superseded);
        }

        (await RunStore.CurrentRunIdAsync(database)).Should().Be(newer.RunId);
        (await RunStore.RunAsync(database, newer.RunId)).Status.Should().Be(CalculationRunStatus.Succeeded);
    }

    [Fact]
    public async Task An_older_run_yields_to_a_newer_run_already_past_the_queue()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        var older = await InsertRunAsync(database, CalculationRunStatus.Queued, started: false);
        // The command line's run: marked running from the start, waiting for the lock.
        var newer = await InsertRunAsync(database, CalculationRunStatus.Running, started: false);

        RecalculationSummary summary;
        await using (var context = CltvDatabase.CreateContext(database))
        {
            summary = await new RecalculationPipeline(context).RunAsync(older);
        }

        summary.Status.Should().Be(CalculationRunStatus.Superseded);
        (await RunStore.CustomersAsync(database, older)).Should().BeEmpty();
        (await RunStore.CurrentRunIdAsync(database)).Should().BeNull();
        await using (var context = CltvDatabase.CreateContext(database))
        {
            (await new RecalculationPipeline(context).RunAsync(newer)).Status.Should().Be(CalculationRunStatus.Succeeded);
        }

        (await RunStore.CurrentRunIdAsync(database)).Should().Be(newer);
    }

    private static async Task<long> InsertRunAsync(string database, CalculationRunStatus status, bool started)
    {
        await using var context = CltvDatabase.CreateContext(database);
        var run = new CalculationRun
        {
            Status = status,
            Trigger = CalculationTrigger.Import,
            AsOfUtc = RunStore.CdnowEnd,
            RequestedAtUtc = RunStore.CdnowEnd,
            StartedAtUtc = started ? RunStore.CdnowEnd : null,
            FinishedAtUtc = status == CalculationRunStatus.Failed ? RunStore.CdnowEnd : null,
            Attempts = started ? 1 : 0,
            Error = status == CalculationRunStatus.Failed ? "The database was unavailable." : null,
        };
        context.CalculationRuns.Add(run);
        await context.SaveChangesAsync();
        return run.Id;
    }

    [Fact]
    public async Task Customers_whose_every_purchase_was_cancelled_on_its_day_are_not_modelled_but_their_refunds_are_deducted_from_revenue()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        const string Cancelled = "customer_id,date,amount\nz1,1997-03-01,25\nz1,1997-03-01,-25\nz1,1997-05-01,-4.50\nz2,1997-04-02,12\nz2,1997-04-02,-12\n";
        await using (var file = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Cancelled)))
        {
            await new CltvDashboard.Infrastructure.Import.TransactionImporter(database).ImportAsync(
                file, new CltvDashboard.Infrastructure.Import.ImportRequest("cancelled.csv", Import.ImportFiles.Options(), ImportMode.Append, "tests"));
        }

        var summary = await RunStore.RecalculateAsync(database);

        var customers = await RunStore.CustomersAsync(database, summary.RunId);
        await using var context = CltvDatabase.CreateContext(database);
        var kpis = await context.KpiSummaries.AsNoTracking().SingleAsync(k => k.CalculationRunId == summary.RunId);
        kpis.HistoricalRevenue.Should().Be(customers.Sum(c => c.TotalRevenue) - 4.50m);
        kpis.Customers.Should().Be(customers.Count);
        (await RunStore.RunAsync(database, summary.RunId)).Warnings.Should().Contain("2 customers have no purchase left");
    }

    [Fact]
    public async Task Channel_segments_carry_their_acquisition_cost_and_clv_to_cac()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        await using (var context = CltvDatabase.CreateContext(database))
        {
            await context.Customers.Where(c => c.Id % 2 == 0).ExecuteUpdateAsync(set => set.SetProperty(c => c.AcquisitionChannel, "Email"));
            context.AcquisitionCosts.Add(new ChannelAcquisitionCost { Channel = "Email", CostPerCustomer = 10m });
            await context.SaveChangesAsync();
        }

        var summary = await RunStore.RecalculateAsync(database);

        var channels = (await RunStore.SegmentsAsync(database, summary.RunId)).Where(s => s.Segmentation == Segmentations.AcquisitionChannel).ToList();
        channels.Select(s => s.Segment).Should().BeEquivalentTo(["Email", "Unknown"]);
        var email = channels.Single(s => s.Segment == "Email");
        email.AcquisitionCostPerCustomer.Should().Be(10m);
        email.ClvToCac.Should().BeApproximately((double)email.AveragePredictedClv!.Value / 10, 1e-9);
        channels.Single(s => s.Segment == "Unknown").ClvToCac.Should().BeNull("no cost is set for customers without a channel");
        var customers = await RunStore.CustomersAsync(database, summary.RunId);
        email.CustomerCount.Should().Be(customers.Count(c => c.AcquisitionChannel == "Email"));
    }

    [Fact]
    public async Task Cohort_cells_are_stored_per_channel_only_when_customers_have_channels_and_add_up_to_the_all_customer_cells()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        var withoutChannels = await RunStore.RecalculateAsync(database);
        await using (var context = CltvDatabase.CreateContext(database))
        {
            await context.Customers.Where(c => c.Id % 2 == 0).ExecuteUpdateAsync(set => set.SetProperty(c => c.AcquisitionChannel, "Email"));
            await context.Customers.Where(c => c.Id % 2 == 1).ExecuteUpdateAsync(set => set.SetProperty(c => c.AcquisitionChannel, "Search"));
        }

        var withChannels = await RunStore.RecalculateAsync(database);

        await using var read = CltvDatabase.CreateContext(database);
        var cohorts = new CohortsQueries(read);
        (await cohorts.CohortChannelsAsync(withoutChannels.RunId)).Should().BeEmpty("CDNOW names no channel");
        (await read.CohortCells.CountAsync(c => c.CalculationRunId == withoutChannels.RunId && c.Channel != RunCohortCell.AllChannels)).Should().Be(0);
        (await cohorts.CohortChannelsAsync(withChannels.RunId)).Should().Equal("Email", "Search");

        var all = await cohorts.CohortsAsync(withChannels.RunId);
        all.Should().BeEquivalentTo(await cohorts.CohortsAsync(withoutChannels.RunId), "channels do not change the all-customer cohorts");
        var email = await cohorts.ChannelCohortsAsync(withChannels.RunId, "Email");
        var search = await cohorts.ChannelCohortsAsync(withChannels.RunId, "Search");
        email.Should().NotBeEmpty();
        search.Should().NotBeEmpty();
        var summed = email.Concat(search)
            .GroupBy(c => (c.AcquisitionMonth, c.MonthsSinceAcquisition))
            .ToDictionary(g => g.Key, g => (Size: g.Sum(c => c.CohortSize), Active: g.Sum(c => c.ActiveCustomers), Revenue: g.Sum(c => c.Revenue), Cumulative: g.Sum(c => c.CumulativeRevenue)));
        summed.Should().HaveCount(all.Count);
        all.Should().AllSatisfy(cell =>
            summed[(cell.AcquisitionMonth, cell.MonthsSinceAcquisition)].Should().Be((cell.CohortSize, cell.ActiveCustomers, cell.Revenue, cell.CumulativeRevenue)));

        var customers = await RunStore.CustomersAsync(database, withChannels.RunId);
        email.Where(c => c.MonthsSinceAcquisition == 0).Sum(c => c.CohortSize).Should().Be(customers.Count(c => c.AcquisitionChannel == "Email"));
    }

    private static PurchaseHistory[] SampleHistories(DateOnly end)
    {
        var builder = new CustomerSummaryBuilder();
        foreach (var line in File.ReadLines(TestData("cdnow", "cdnow_sample.csv")).Skip(1))
        {
            var fields = line.Split(',');
            builder.Add(fields[0], DateOnly.ParseExact(fields[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), decimal.Parse(fields[3], CultureInfo.InvariantCulture));
        }

        return builder.Build(new SummaryPeriod(end, end, TimeUnit.Week)).Histories();
    }
}
