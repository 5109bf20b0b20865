using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Clv.BgNbd;

public class MbgNbdTests
{
    private static readonly Lazy<CltvDashboard.Domain.Clv.ModelFit<MbgNbdParameters>> CdnowFit =
        new(() => MbgNbdFitter.Fit(Cdnow.SampleSummary.Histories()));

    [Fact]
    public void Fit_converges_on_cdnow_with_a_likelihood_close_to_the_bg_nbd()
    {
        // Batislam et al. (2007) and lifetimes' ModifiedBetaGeoFitter: r ≈ 0.525, α ≈ 6.18, a ≈ 0.891, b ≈ 1.614.
        var fit = CdnowFit.Value;

        fit.Diagnostics.Converged.Should().BeTrue();
        fit.Parameters.R.Should().BeApproximately(0.525, 0.005);
        fit.Parameters.Alpha.Should().BeApproximately(6.183, 0.05);
        fit.Parameters.A.Should().BeApproximately(0.891, 0.01);
        fit.Parameters.B.Should().BeApproximately(1.614, 0.02);
        fit.LogLikelihood.Should().BeInRange(-9600, -9570);
    }

    [Fact]
    public void One_time_buyer_may_already_have_left()
    {
        var p = CdnowFit.Value.Parameters;

        p.ProbabilityAlive(new PurchaseHistory(0, 0, 30)).Should().BeApproximately(1 / (1 + p.A / p.B * Math.Pow((p.Alpha + 30) / p.Alpha, p.R)), 1e-12);
        p.ProbabilityAlive(new PurchaseHistory(0, 0, 30)).Should().BeLessThan(1);
    }

    [Fact]
    public void Log_likelihood_matches_the_closed_form()
    {
        // Batislam et al. (2007): L = B(a,b+x+1)/B(a,b)·Γ(r+x)α^r/(Γ(r)(α+T)^(r+x)) · [1 + a/(b+x)·((α+T)/(α+t_x))^(r+x)].
        var p = new MbgNbdParameters(0.5, 6, 0.9, 1.6);
        var (x, tx, age) = (3, 20.0, 30.0);
        static double LnB(double u, double v) => MathNet.Numerics.SpecialFunctions.BetaLn(u, v);
        var closedForm = LnB(p.A, p.B + x + 1) - LnB(p.A, p.B)
            + MathNet.Numerics.SpecialFunctions.GammaLn(p.R + x) - MathNet.Numerics.SpecialFunctions.GammaLn(p.R) + p.R * Math.Log(p.Alpha)
            - (p.R + x) * Math.Log(p.Alpha + age)
            + Math.Log(1 + p.A / (p.B + x) * Math.Pow((p.Alpha + age) / (p.Alpha + tx), p.R + x));

        p.LogLikelihood(new PurchaseHistory(x, tx, age)).Should().BeApproximately(closedForm, 1e-10);
    }

    [Fact]
    public void Purchase_count_probabilities_sum_to_one_and_their_mean_is_the_expectation()
    {
        var p = CdnowFit.Value.Parameters;
        foreach (var customer in new[] { new PurchaseHistory(0, 0, 0), new PurchaseHistory(0, 0, 30), new PurchaseHistory(4, 25, 38) })
        {
            var probabilities = Enumerable.Range(0, 400).Select(n => p.ProbabilityOfPurchases(customer, 39, n)).ToArray();

            probabilities.Sum().Should().BeApproximately(1.0, 1e-9);
            probabilities.Select((q, n) => q * n).Sum().Should().BeApproximately(p.ExpectedPurchases(customer, 39), 1e-7);
        }
    }

    [Fact]
    public void Heavy_buyer_predictions_stay_finite()
    {
        var p = CdnowFit.Value.Parameters;
        var customer = new PurchaseHistory(10_000, 38, 40);

        p.LogLikelihood(customer).Should().Match(v => double.IsFinite(v));
        p.ExpectedPurchases(customer, 52).Should().Match(v => double.IsFinite(v) && v > 0);
    }
}
