using System.Globalization;
using System.Text;
using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Uncertainty;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Infrastructure.Tests.Import;
using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Calculation;

/// <summary>A recalculation stores its forecasts' ranges with its figures, on every provider.</summary>
public abstract class RangesRunTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    private readonly TDatabase _store;

    protected RangesRunTests(TDatabase store) => _store = store;

    [Fact]
    public async Task A_run_stores_the_totals_ranges_around_the_figures_it_reports_and_the_holdouts_range_beside_what_happened()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);

        var summary = await RunStore.RecalculateAsync(database);

        summary.StageTimings.Select(t => t.Stage).Should().Contain(RunStages.Ranges);
        var kpis = await RunStore.KpisAsync(database, summary.RunId);
        var ranges = RunRanges.FromJson(kpis.RangesJson);
        ranges.Should().NotBeNull();
        ranges!.Model.Should().Be(summary.ChosenModel);
        ranges.IncludesParameterUncertainty.Should().BeTrue();
        ranges.Total.Customers.Should().Be(kpis.Customers);
        ShouldBeOrdered(ranges.Total.Purchases, "total purchases");
        ShouldBeOrdered(ranges.Total.ActiveCustomers, "active customers");
        ShouldBeOrdered(ranges.Total.Revenue!.Value, "predicted revenue");
        ShouldBeOrdered(ranges.Total.Clv!.Value, "total CLV");
        ranges.Total.Revenue!.Value.MostLikely.Should().BeApproximately((double)kpis.PredictedRevenue!.Value, 0.01 + 1e-9 * (double)kpis.PredictedRevenue!.Value, "the most likely figure is the one the run reports");
        ranges.Total.Clv!.Value.MostLikely.Should().BeApproximately((double)kpis.TotalClv!.Value, 0.01 * kpis.Customers);

        var chosen = (await RunStore.FitsAsync(database, summary.RunId)).Single(f => f.Period == ModelFitPeriod.Calibration && f.IsChosen);
        ranges.Holdout.Should().NotBeNull();
        ranges.Holdout!.Actual.Should().Be((int)Math.Round(chosen.HoldoutActualPurchases!.Value));
        ranges.Holdout.Purchases.MostLikely.Should().BeApproximately(chosen.HoldoutPredictedPurchases!.Value, 1e-6 * chosen.HoldoutPredictedPurchases!.Value);
        ShouldBeOrdered(ranges.Holdout.Purchases, "the holdout's purchases");
        ranges.Narrowing.Current.Should().BeApproximately(ranges.Total.Purchases.RelativeHalfWidth80, 1e-9);
    }

    [Fact]
    public async Task A_run_stores_each_segments_ranges_and_each_customers_80_percent_ranges()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);

        var summary = await RunStore.RecalculateAsync(database);

        var total = RunRanges.FromJson((await RunStore.KpisAsync(database, summary.RunId)).RangesJson)!.Total;
        var segments = await RunStore.SegmentsAsync(database, summary.RunId);
        segments.Should().OnlyContain(s => s.RangesJson != null);
        foreach (var segment in segments)
        {
            var ranges = TotalRangeFigures.FromJson(segment.RangesJson)!;
            ranges.Customers.Should().Be(segment.CustomerCount, segment.Segment);
            ShouldBeOrdered(ranges.Purchases, segment.Segment);
            ShouldBeOrdered(ranges.Clv!.Value, segment.Segment);
            ranges.Purchases.MostLikely.Should().BeApproximately(segment.TotalExpectedPurchases!.Value, 1e-6 * (1 + segment.TotalExpectedPurchases!.Value), segment.Segment);
        }

        var rfm = segments.Where(s => s.Segmentation == Segmentations.Rfm).Select(s => TotalRangeFigures.FromJson(s.RangesJson)!).ToList();
        rfm.Sum(r => r.Purchases.MostLikely).Should().BeApproximately(total.Purchases.MostLikely, 1e-6 * total.Purchases.MostLikely);
        rfm.Sum(r => r.Purchases.High80 - r.Purchases.Low80).Should().BeGreaterThan(
            total.Purchases.High80 - total.Purchases.Low80, "the parts' ranges are wider together than the whole's: their randomness partly cancels in the sum");

        var customers = await RunStore.CustomersAsync(database, summary.RunId);
        customers.Should().OnlyContain(c => c.PurchasesLow80 != null && c.PurchasesHigh80 != null && c.ClvLow80 != null && c.ClvHigh80 != null);
        customers.Should().OnlyContain(c => 0 <= c.PurchasesLow80 && c.PurchasesLow80 <= c.PurchasesHigh80 && c.ClvLow80 <= c.ClvHigh80);
        customers.Where(c => c.ExpectedPurchases >= 2).Should().NotBeEmpty()
            .And.OnlyContain(c => c.PurchasesHigh80 >= 1, "a customer expected to buy twice or more has a range that reaches a purchase: each row carries its own customer's range");
        var likely = customers.Where(c => c.ExpectedPurchases >= 1).ToList();
        likely.Count(c => c.PurchasesLow80 <= c.ExpectedPurchases && c.ExpectedPurchases <= c.PurchasesHigh80).Should().BeGreaterThanOrEqualTo(
            (int)(0.9 * likely.Count), "an 80 % range of a count holds its expectation unless most of the chance sits at 0");
    }

    [Fact]
    public async Task A_small_shops_run_keeps_wide_ranges_and_its_warning_says_how_much_more_data_would_narrow_them()
    {
        var database = await RunStore.FreshAsync(_store);
        // CDNOW's first 150 sample customers: a shop with a few dozen repeat customers.
        var lines = File.ReadLines(ImportFiles.TestData("cdnow", "cdnow_sample.csv"))
            .Where((line, i) => i == 0 || int.Parse(line.AsSpan(0, line.IndexOf(',', StringComparison.Ordinal)), CultureInfo.InvariantCulture) <= 150);
        await using (var file = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))))
        {
            await new TransactionImporter(database).ImportAsync(file, new ImportRequest("small.csv", ImportFiles.Options(), ImportMode.Append, "tests"));
        }

        var summary = await RunStore.RecalculateAsync(database);

        summary.Customers.Should().Be(150);
        var ranges = RunRanges.FromJson((await RunStore.KpisAsync(database, summary.RunId)).RangesJson)!;
        ShouldBeOrdered(ranges.Total.Purchases, "total purchases");
        ranges.Narrowing.Current.Should().BeGreaterThan(AnalysisRanges.TargetWidth, "a few dozen repeat customers leave the total wider than ± 10 %");
        var advice = ranges.Narrowing.Sentence("expected purchases");
        advice.Should().NotBeNull();
        (await RunStore.RunAsync(database, summary.RunId)).Warnings.Should().Contain(advice, "the data-quality warning carries the advice");
        if (ranges.Narrowing.Reachable)
        {
            ranges.Narrowing.MoreRepeatCustomers.Should().BePositive();
            advice.Should().Contain("more repeat customers");
        }
    }

    [Fact]
    public async Task A_run_stored_without_ranges_reads_with_none()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        var summary = await RunStore.RecalculateAsync(database);

        await RunStore.ForgetRangesAsync(database, summary.RunId);

        RunRanges.FromJson((await RunStore.KpisAsync(database, summary.RunId)).RangesJson).Should().BeNull();
        (await RunStore.SegmentsAsync(database, summary.RunId)).Should().OnlyContain(s => TotalRangeFigures.FromJson(s.RangesJson) == null);
        (await RunStore.CustomersAsync(database, summary.RunId)).Should().OnlyContain(c => c.PurchasesLow80 == null && c.ClvHigh80 == null && c.PredictedClv != null);
    }

    private static void ShouldBeOrdered(ForecastRange range, string what)
    {
        range.Low95.Should().BeLessThanOrEqualTo(range.Low80, what);
        range.Low80.Should().BeLessThanOrEqualTo(range.MostLikely, what);
        range.MostLikely.Should().BeLessThanOrEqualTo(range.High80, what);
        range.High80.Should().BeLessThanOrEqualTo(range.High95, what);
        range.High95.Should().BeGreaterThan(range.Low95, what);
    }
}
