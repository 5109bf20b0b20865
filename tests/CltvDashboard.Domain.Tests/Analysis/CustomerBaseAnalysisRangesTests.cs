using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Uncertainty;

namespace CltvDashboard.Domain.Tests.Analysis;

public class CustomerBaseAnalysisRangesTests
{
    private static readonly AnalysisSettings Settings = new(
        TimeUnit.Week,
        HoldoutMonths: 6,
        new ValuationOptions(12, ValuationOptions.MonthlyRateFromAnnual(0.1), 0.3, TimeUnit.Week),
        new ValueTierRule(0.2, 0.3),
        new ChurnRiskRule(0.3, 0.6),
        new Dictionary<string, decimal>());

    private static readonly Lazy<AnalysisResult> WithRanges = new(() =>
        CustomerBaseAnalysis.Run(SampleLog(), Cdnow.ObservationEnd, Settings with { Ranges = new RangeOptions() }));

    [Fact]
    public void Ranges_are_off_unless_the_settings_ask_for_them()
    {
        Settings.Ranges.Should().BeNull();

        CustomerBaseAnalysis.Run(SampleLog(), Cdnow.ObservationEnd, Settings).Ranges.Should().BeNull();
    }

    [Fact]
    public void Horizon_totals_are_most_likely_the_figures_the_analysis_reports()
    {
        var result = WithRanges.Value;
        var ranges = result.Ranges!;

        ranges.Model.Should().Be(result.ChosenModel);
        ranges.IncludesParameterUncertainty.Should().BeTrue();
        ranges.Total.Customers.Should().Be(result.Customers.Length);
        ranges.Total.Purchases.MostLikely.Should().BeApproximately(result.Customers.Sum(c => c.ExpectedPurchases!.Value), 1e-6);
        ranges.Total.Clv!.Value.MostLikely.Should().BeApproximately((double)result.Customers.Sum(c => c.PredictedClv!.Value), 0.01 * result.Customers.Length);
        ranges.Total.Clv.Value.Low80.Should().BeLessThan(ranges.Total.Clv.Value.MostLikely);
        ranges.Total.Clv.Value.High80.Should().BeGreaterThan(ranges.Total.Clv.Value.MostLikely);
        ranges.Customers.Count.Should().Be(result.Customers.Length);
    }

    [Fact]
    public void Every_segment_of_every_segmentation_has_its_ranges_with_its_customer_count()
    {
        var result = WithRanges.Value;

        var ranged = result.Ranges!.Segments.ToDictionary(s => (s.Segmentation, s.Segment), s => s.Ranges.Customers);

        ranged.Should().BeEquivalentTo(result.Segments.ToDictionary(s => (s.Segmentation, s.Segment), s => s.CustomerCount));
    }

    [Fact]
    public void Holdout_range_of_the_chosen_calibration_fit_stands_next_to_what_happened()
    {
        var result = WithRanges.Value;
        var holdout = result.Ranges!.Holdout!;
        var calibration = new CustomerSummaryBuilder(SampleLog()).Build(new SummaryPeriod(result.CalibrationEnd!.Value, Cdnow.ObservationEnd, TimeUnit.Week));

        holdout.Actual.Should().Be(calibration.Customers.Sum(c => c.HoldoutFrequency));
        var chosen = result.ModelFits.Single(f => f.Period == FitPeriod.Calibration && f.IsChosen);
        holdout.Purchases.MostLikely.Should().BeApproximately(chosen.Holdout!.TotalPredicted, 1e-6);
        holdout.Purchases.Low95.Should().BeLessThan(holdout.Purchases.MostLikely);
        holdout.Purchases.High95.Should().BeGreaterThan(holdout.Purchases.MostLikely);
        holdout.ActualWithin95.Should().Be(holdout.Actual >= holdout.Purchases.Low95 && holdout.Actual <= holdout.Purchases.High95);
    }

    private static TransactionLog SampleLog()
    {
        var log = new TransactionLog();
        foreach (var row in Cdnow.Sample)
        {
            log.Add(row);
        }

        return log;
    }
}
