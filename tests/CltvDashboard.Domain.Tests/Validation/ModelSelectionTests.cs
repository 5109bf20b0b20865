using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Validation;

namespace CltvDashboard.Domain.Tests.Validation;

public class ModelSelectionTests
{
    private static readonly Lazy<ModelFit<BgNbdParameters>> BgNbd = new(() => BgNbdFitter.Fit(Cdnow.SampleSummary.Histories()));
    private static readonly Lazy<ModelFit<MbgNbdParameters>> MbgNbd = new(() => MbgNbdFitter.Fit(Cdnow.SampleSummary.Histories()));

    // The fit of the Shopify export: it had not converged, its Beta ran off to a = 2.5e11, b = 3.75e11, and
    // (with a purchase rate that had run off too) it expected almost no holdout purchases.
    private static CandidateModel RunOff(double purchaseRateShrink)
    {
        var good = BgNbd.Value.Parameters;
        var diagnostics = new FitDiagnostics(false, 1000, 5000, ["a", "b"], ["The optimiser did not converge: iteration limit."]);
        return new CandidateModel(new BgNbdParameters(good.R, good.Alpha * purchaseRateShrink, 2.5e11, 3.75e11), BgNbd.Value.LogLikelihood - 1, diagnostics);
    }

    private static CandidateModel Sound => new(MbgNbd.Value.Parameters, MbgNbd.Value.LogLikelihood, MbgNbd.Value.Diagnostics);

    [Fact]
    public void Run_off_fit_that_expects_almost_no_holdout_purchases_is_not_chosen_over_a_sound_one()
    {
        var summary = Cdnow.SampleSummary;
        var runOff = RunOff(purchaseRateShrink: 1e5);

        var result = ModelSelection.Choose([runOff, Sound], summary);

        var bad = HoldoutValidation.Evaluate(runOff.Model, summary.Customers, summary.Period.HoldoutLength);
        var good = HoldoutValidation.Evaluate(Sound.Model, summary.Customers, summary.Period.HoldoutLength);
        bad.TotalPredicted.Should().BeLessThan(0.5, "the candidate reproduces the issue's fit that expected ~0 holdout purchases");
        bad.MeanSquaredError.Should().BeGreaterThan(good.MeanSquaredError);
        result.Chosen.Model.Should().Be(Sound.Model);
        result.Caution.Should().BeNull();
        result.Reason.Should().Contain("Not considered: BG/NBD: its fit did not converge, its parameters ran off (a = 2.5E+11, b = 3.75E+11), it expected 0 holdout purchases where 1,882 happened");
    }

    [Fact]
    public void When_no_model_is_sound_the_least_bad_by_holdout_error_is_chosen_and_the_run_says_so()
    {
        var summary = Cdnow.SampleSummary;
        var notConverged = Sound with { Diagnostics = MbgNbd.Value.Diagnostics with { Converged = false } };
        var runOff = RunOff(purchaseRateShrink: 1e5);

        var result = ModelSelection.Choose([runOff, notConverged], summary);

        result.Chosen.Should().Be(notConverged);
        result.Caution.Should().StartWith("No purchase-count model passed the checks (BG/NBD: its fit did not converge, its parameters ran off")
            .And.Contain("MBG/NBD: its fit did not converge)")
            .And.EndWith("so MBG/NBD was used as the least bad by its holdout error: treat its forecasts with caution.");
        result.Reason.Should().EndWith(result.Caution);
    }

    [Fact]
    public void Without_a_holdout_a_run_off_fit_is_passed_over_despite_its_higher_log_likelihood()
    {
        var calibrationOnly = new CustomerSummaryBuilder();
        foreach (var t in Cdnow.Sample.Where(t => t.Timestamp <= new DateTime(1997, 9, 30)))
        {
            calibrationOnly.Add(t);
        }

        var summary = calibrationOnly.Build(new SummaryPeriod(Cdnow.CalibrationEnd, Cdnow.CalibrationEnd, TimeUnit.Week));
        var runOff = RunOff(1) with { LogLikelihood = MbgNbd.Value.LogLikelihood + 10, Diagnostics = BgNbd.Value.Diagnostics };

        var result = ModelSelection.Choose([runOff, Sound], summary);

        result.Chosen.Should().Be(Sound);
        result.Reason.Should().Contain("no holdout period").And.Contain("Not considered: BG/NBD: its parameters ran off");
    }

    [Fact]
    public void Fit_reported_as_its_limit_is_not_counted_as_run_off()
    {
        var limit = RunOff(1) with { Diagnostics = BgNbd.Value.Diagnostics with { Limits = ["Every customer has the same chance of dropping out."] } };

        var problems = FitSoundness.Problems(limit, timeScale: 30, holdout: null);

        problems.Should().BeEmpty();
    }

    [Fact]
    public void Holdout_total_off_by_more_than_half_is_unsound()
    {
        var summary = Cdnow.SampleSummary;
        var report = HoldoutValidation.Evaluate(RunOff(10).Model, summary.Customers, summary.Period.HoldoutLength);

        var problems = FitSoundness.Problems(Sound, timeScale: 30, report);

        report.TotalPredicted.Should().BeLessThan(0.5 * report.TotalActual);
        problems.Should().ContainSingle().Which.Should().StartWith("it expected ").And.EndWith("holdout purchases where 1,882 happened");
    }
}
