using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Validation;

namespace CltvDashboard.Domain.Tests.Validation;

public class HoldoutValidationTests
{
    private static readonly Lazy<ModelFit<BgNbdParameters>> BgNbd = new(() => BgNbdFitter.Fit(Cdnow.SampleSummary.Histories()));
    private static readonly Lazy<ModelFit<MbgNbdParameters>> MbgNbd = new(() => MbgNbdFitter.Fit(Cdnow.SampleSummary.Histories()));

    [Fact]
    public void Bg_nbd_forecasts_the_cdnow_holdout_within_a_few_percent_and_beats_the_naive_baseline()
    {
        var summary = Cdnow.SampleSummary;

        var report = HoldoutValidation.Evaluate(BgNbd.Value.Parameters, summary.Customers, summary.Period.HoldoutLength);

        report.TotalActual.Should().Be(1882);
        // The conditional expectations under-forecast CDNOW's holdout (about 1,653 of 1,882 occasions), while the
        // unconditional tracking curve lands within 5%: the heavy buyers bought more than their history suggests.
        report.AggregateRelativeError.Should().BeInRange(-0.15, -0.10);
        report.MeanAbsoluteError.Should().BeLessThan(report.Baseline.MeanAbsoluteError);
        report.RootMeanSquaredError.Should().BeLessThan(report.Baseline.RootMeanSquaredError);
        report.Predicted.Should().HaveCount(2357).And.OnlyContain(p => p >= 0 && double.IsFinite(p));
    }

    [Fact]
    public void Errors_are_computed_from_the_per_customer_predictions()
    {
        var summary = Cdnow.SampleSummary;

        var report = HoldoutValidation.Evaluate(BgNbd.Value.Parameters, summary.Customers, summary.Period.HoldoutLength);

        var mae = report.Predicted.Zip(report.Actual, (p, a) => Math.Abs(p - a)).Average();
        report.MeanAbsoluteError.Should().BeApproximately(mae, 1e-12);
        report.TotalPredicted.Should().BeApproximately(report.Predicted.Sum(), 1e-9);
    }

    [Fact]
    public void Naive_baseline_carries_the_calibration_rate_forward()
    {
        var customers = new[]
        {
            new CustomerSummary("a", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 11), 2, 10, 20, 5, 15m, 3, 15m),
            new CustomerSummary("b", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1), 0, 0, 20, 0, 5m, 0, 0m),
        };

        var report = HoldoutValidation.Evaluate(new BgNbdParameters(0.25, 4, 0.8, 2.5), customers, 10);

        // a: 2/20·10 = 1 vs 3 → |error| 2; b: 0 vs 0.
        report.Baseline.TotalPredicted.Should().Be(1);
        report.Baseline.MeanAbsoluteError.Should().Be(1);
    }

    [Fact]
    public void Holdout_of_zero_length_is_rejected()
    {
        var act = () => HoldoutValidation.Evaluate(BgNbd.Value.Parameters, Cdnow.SampleSummary.Customers, 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*holdout period of positive length*");
    }

    [Fact]
    public void Tracking_curve_ends_at_all_repeat_purchases_and_fits_the_calibration_period()
    {
        var summary = Cdnow.SampleSummary;

        var curve = TrackingCurve.Compute(BgNbd.Value.Parameters, summary);

        curve[^1].CumulativeActual.Should().Be(2457 + 1882);
        curve[^1].Day.Should().Be(Cdnow.ObservationEnd);
        curve.Select(p => p.CumulativeActual).Should().BeInAscendingOrder();
        curve.Select(p => p.CumulativePredicted).Should().BeInAscendingOrder();
        var lastCalibrationPoint = curve.Last(p => !p.InHoldout);
        lastCalibrationPoint.CumulativePredicted.Should().BeApproximately(lastCalibrationPoint.CumulativeActual, 0.03 * lastCalibrationPoint.CumulativeActual);
        curve[^1].CumulativePredicted.Should().BeApproximately(curve[^1].CumulativeActual, 0.05 * curve[^1].CumulativeActual);
        curve.Should().HaveCountGreaterThan(75).And.HaveCountLessThan(80);
    }

    [Fact]
    public void Selection_prefers_the_lower_holdout_mean_squared_error_and_explains_the_choice()
    {
        var summary = Cdnow.SampleSummary;
        var candidates = new[]
        {
            new CandidateModel(BgNbd.Value.Parameters, BgNbd.Value.LogLikelihood, BgNbd.Value.Diagnostics),
            new CandidateModel(MbgNbd.Value.Parameters, MbgNbd.Value.LogLikelihood, MbgNbd.Value.Diagnostics),
        };

        var result = ModelSelection.Choose(candidates, summary);

        var best = result.Holdout.MinBy(r => r.Value.MeanSquaredError).Key;
        result.Chosen.Model.Name.Should().Be(best);
        result.Reason.Should().StartWith(CountModelCatalog.DisplayName(best) + " predicted the 39-week holdout best: mean squared error")
            .And.Contain("naive baseline").And.Contain("where 1,882 happened");
        result.Caution.Should().BeNull();
        result.Holdout.Should().ContainKeys("bgnbd", "mbgnbd");
    }

    [Fact]
    public void Selection_without_a_holdout_uses_the_log_likelihood()
    {
        var candidates = new[]
        {
            new CandidateModel(BgNbd.Value.Parameters, -100, BgNbd.Value.Diagnostics),
            new CandidateModel(MbgNbd.Value.Parameters, -90, MbgNbd.Value.Diagnostics),
        };
        var calibrationOnly = new CustomerSummaryBuilder();
        foreach (var t in Cdnow.Sample.Where(t => t.Timestamp <= new DateTime(1997, 9, 30)))
        {
            calibrationOnly.Add(t);
        }

        var result = ModelSelection.Choose(candidates, calibrationOnly.Build(new SummaryPeriod(Cdnow.CalibrationEnd, Cdnow.CalibrationEnd, TimeUnit.Week)));

        result.Chosen.Model.Name.Should().Be("mbgnbd");
        result.Reason.Should().Contain("log-likelihood").And.Contain("no holdout");
        result.Holdout.Should().BeEmpty();
    }

    [Fact]
    public void Selection_passes_over_fits_that_did_not_converge()
    {
        var failed = BgNbd.Value.Diagnostics with { Converged = false };
        var candidates = new[]
        {
            new CandidateModel(BgNbd.Value.Parameters, BgNbd.Value.LogLikelihood, failed),
            new CandidateModel(MbgNbd.Value.Parameters, MbgNbd.Value.LogLikelihood, MbgNbd.Value.Diagnostics),
        };

        var result = ModelSelection.Choose(candidates, Cdnow.SampleSummary);

        result.Chosen.Model.Name.Should().Be("mbgnbd");
        result.Reason.Should().Contain("Not considered: BG/NBD: its fit did not converge");
    }
}
