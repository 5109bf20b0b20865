using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.TestSupport.Simulation;

namespace CltvDashboard.Domain.Tests.Clv.BgNbd;

public class BgNbdRecoveryTests
{
    [Fact]
    public void Fit_on_simulated_customers_recovers_the_true_parameters_within_their_95_percent_intervals()
    {
        var truth = CdnowLikeScenario.Purchases;
        var scenario = new CustomerBaseScenario(100_000, truth, new ObservationWindow(12, 39), 12);
        var histories = CustomerBaseSimulator.SimulateHistories(scenario).Select(c => c.History).ToArray();

        var fit = BgNbdFitter.Fit(histories);

        fit.Diagnostics.Converged.Should().BeTrue();
        WithinInterval(fit.Parameters.R, fit.StandardErrors["r"], truth.R, "r");
        WithinInterval(fit.Parameters.Alpha, fit.StandardErrors["alpha"], truth.Alpha, "alpha");
        WithinInterval(fit.Parameters.A, fit.StandardErrors["a"], truth.A, "a");
        WithinInterval(fit.Parameters.B, fit.StandardErrors["b"], truth.B, "b");
    }

    [Fact]
    public void Standard_errors_give_intervals_that_cover_the_truth_about_95_percent_of_the_time()
    {
        // 20 replications: if the intervals were right 95% of the time, 15 or fewer hits would happen with
        // probability 0.3%; too-narrow standard errors (an error in the Hessian) show up here.
        var truth = CdnowLikeScenario.Purchases;
        double[] trueValues = [truth.R, truth.Alpha, truth.A, truth.B];
        string[] names = ["r", "alpha", "a", "b"];
        var hits = new int[4];
        for (var seed = 100; seed < 120; seed++)
        {
            var scenario = new CustomerBaseScenario(20_000, truth, new ObservationWindow(12, 39), seed);
            var fit = BgNbdFitter.Fit(CustomerBaseSimulator.SimulateHistories(scenario).Select(c => c.History).ToArray());
            double[] estimates = [fit.Parameters.R, fit.Parameters.Alpha, fit.Parameters.A, fit.Parameters.B];
            for (var j = 0; j < 4; j++)
            {
                if (Math.Abs(estimates[j] - trueValues[j]) <= 1.96 * fit.StandardErrors[names[j]]!.Value)
                {
                    hits[j]++;
                }
            }
        }

        hits.Should().OnlyContain(h => h >= 16);
    }

    [Fact]
    public void Mbg_nbd_fit_on_simulated_customers_recovers_the_true_parameters()
    {
        var truth = new MbgNbdProcess(0.5, 6, 0.9, 1.6);
        var scenario = new CustomerBaseScenario(100_000, truth, new ObservationWindow(12, 52), 5);
        var histories = CustomerBaseSimulator.SimulateHistories(scenario).Select(c => c.History).ToArray();

        var fit = MbgNbdFitter.Fit(histories);

        WithinInterval(fit.Parameters.R, fit.StandardErrors["r"], truth.R, "r");
        WithinInterval(fit.Parameters.Alpha, fit.StandardErrors["alpha"], truth.Alpha, "alpha");
        WithinInterval(fit.Parameters.A, fit.StandardErrors["a"], truth.A, "a");
        WithinInterval(fit.Parameters.B, fit.StandardErrors["b"], truth.B, "b");
    }

    [Fact]
    public void Probability_alive_is_calibrated_against_the_simulated_truth()
    {
        var scenario = new CustomerBaseScenario(50_000, CdnowLikeScenario.Purchases, new ObservationWindow(12, 39), 3);
        var customers = CustomerBaseSimulator.SimulateHistories(scenario);
        var model = new BgNbdParameters(CdnowLikeScenario.Purchases.R, CdnowLikeScenario.Purchases.Alpha, CdnowLikeScenario.Purchases.A, CdnowLikeScenario.Purchases.B);

        var predictedAlive = customers.Sum(c => model.ProbabilityAlive(c.History));
        var actuallyAlive = customers.Count(c => c.IsActiveAtCalibrationEnd);

        // A sum of independent Bernoulli outcomes: its standard deviation is below √n / 2.
        predictedAlive.Should().BeApproximately(actuallyAlive, 4 * Math.Sqrt(customers.Length) / 2);
    }

    private static void WithinInterval(double estimate, double? standardError, double truth, string name)
    {
        standardError.Should().NotBeNull($"{name} needs a standard error");
        Math.Abs(estimate - truth).Should().BeLessThanOrEqualTo(1.96 * standardError!.Value, $"{name} = {estimate} ± {standardError} should cover {truth}");
    }
}
