using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.TestSupport.Simulation;

namespace CltvDashboard.Domain.Tests.Clv;

/// <summary>The covariance behind the ranges is the one behind the standard errors the fits publish.</summary>
public class ParameterCovarianceTests
{
    private static readonly Lazy<ModelFit<BgNbdParameters>> CdnowFit = new(() => BgNbdFitter.Fit(Cdnow.SampleSummary.Histories()));

    public static TheoryData<string> CountModels => [.. CountModelCatalog.Names];

    [Fact]
    public void Cdnow_bgnbd_standard_errors_from_the_covariance_are_the_published_ones()
    {
        var covariance = CdnowFit.Value.Covariance!;

        // The standard errors stored with every run's fits (and lifetimes' on this sample): r 0.0126, α 0.378, a 0.186, b 0.705.
        covariance.Names.Should().Equal("r", "alpha", "a", "b");
        covariance.StandardError("r")!.Value.Should().BeApproximately(0.0126, 0.00005);
        covariance.StandardError("alpha")!.Value.Should().BeApproximately(0.378, 0.0005);
        covariance.StandardError("a")!.Value.Should().BeApproximately(0.186, 0.0005);
        covariance.StandardError("b")!.Value.Should().BeApproximately(0.705, 0.0005);
    }

    [Theory]
    [MemberData(nameof(CountModels))]
    public void Every_count_model_publishes_standard_errors_equal_to_its_covariances(string model)
    {
        var fit = CountModelCatalog.Get(model).Fit(Cdnow.SampleSummary.Histories());

        fit.Covariance.Should().NotBeNull();
        fit.Covariance!.Estimates.Should().Equal(CountModelCatalog.Get(model).ParameterNames.Select(n => fit.Model.ParameterValues[n]));
        foreach (var name in fit.Covariance.Names)
        {
            fit.Covariance.StandardError(name)!.Value.Should().BeApproximately(fit.StandardErrors[name]!.Value, 1e-12 * fit.StandardErrors[name]!.Value);
        }
    }

    [Fact]
    public void Gamma_gamma_publishes_standard_errors_equal_to_its_covariances_in_currency()
    {
        var fit = GammaGammaFitter.Fit([.. Cdnow.SampleSummary.Customers.Select(SpendHistory.From)]).ModelFit;

        fit.Covariance!.Estimates.Should().Equal(fit.Parameters.P, fit.Parameters.Q, fit.Parameters.Gamma);
        foreach (var name in new[] { "p", "q", "gamma" })
        {
            fit.Covariance.StandardError(name)!.Value.Should().BeApproximately(fit.StandardErrors[name]!.Value, 1e-9 * fit.StandardErrors[name]!.Value);
        }
    }

    [Fact]
    public void Draws_have_the_covariance_on_the_log_scale_and_stay_positive()
    {
        var covariance = CdnowFit.Value.Covariance!;
        var random = new Random(7);
        const int draws = 40_000;
        var logs = new double[draws, 4];
        Span<double> normals = stackalloc double[4];
        Span<double> parameters = stackalloc double[4];
        for (var d = 0; d < draws; d++)
        {
            for (var k = 0; k < 4; k++)
            {
                normals[k] = StandardNormal(random);
            }

            covariance.Draw(normals, parameters);
            for (var i = 0; i < 4; i++)
            {
                parameters[i].Should().BePositive();
                logs[d, i] = Math.Log(parameters[i] / covariance.Estimates[i]);
            }
        }

        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sample = 0.0;
                for (var d = 0; d < draws; d++)
                {
                    sample += logs[d, i] * logs[d, j];
                }

                sample /= draws;
                var scale = Math.Sqrt(covariance.LogCovariance(i, i) * covariance.LogCovariance(j, j));
                sample.Should().BeApproximately(covariance.LogCovariance(i, j), 0.03 * scale, $"Cov(ln {covariance.Names[i]}, ln {covariance.Names[j]})");
            }
        }
    }

    [Fact]
    public void A_fit_reported_as_no_dropout_varies_only_its_purchase_rates()
    {
        var histories = CustomerBaseSimulator.SimulateHistories(
            new CustomerBaseScenario(4000, new BgNbdProcess(0.9, 6, 1e-9, 1), new ObservationWindow(26, 52, 26), 31)).Select(c => c.History).ToArray();

        var fit = BgNbdFitter.Fit(histories);

        fit.Diagnostics.Limits.Should().ContainSingle();
        var covariance = fit.Covariance!;
        covariance.FreeDirections.Should().Be(2);
        covariance.StandardError("r")!.Value.Should().BeApproximately(fit.StandardErrors["r"]!.Value, 1e-12);
        covariance.StandardError("alpha")!.Value.Should().BeApproximately(fit.StandardErrors["alpha"]!.Value, 1e-12);
        covariance.StandardError("a").Should().BeNull();
        covariance.StandardError("b").Should().BeNull();
    }

    [Fact]
    public void A_draw_with_the_wrong_number_of_normals_is_refused_with_the_count_needed()
    {
        var covariance = CdnowFit.Value.Covariance!;

        var act = () => covariance.Draw([0.0, 0.0], new double[4]);

        act.Should().Throw<ArgumentException>().WithMessage("A draw needs 4 standard normal numbers, was given 2.*");
    }

    private static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
