using CltvDashboard.TestSupport.Simulation;
using static CltvDashboard.TestSupport.Tests.Simulation.PublishedMoments;

namespace CltvDashboard.TestSupport.Tests.Simulation;

/// <summary>
/// Simulated bases against the papers' closed forms, within four standard errors. Parameters are the published
/// CDNOW estimates in weeks.
/// </summary>
public class ProcessMomentTests
{
    private const int Customers = 100_000;
    private const double Tolerance = 4.0;

    // Fader, Hardie & Lee (2005), CDNOW.
    private static readonly BgNbdProcess BgNbd = new(R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426);

    // Fader, Hardie & Lee (2005), "A Note on Implementing the Pareto/NBD Model", CDNOW.
    private static readonly ParetoNbdProcess ParetoNbd = new(R: 0.5534, Alpha: 10.5802, S: 0.6061, Beta: 11.6562);

    [Theory]
    [InlineData(39.0)]
    [InlineData(78.0)]
    public void Bgnbd_share_without_repeat_purchase_matches_fhl_equation_8(double t)
    {
        var customers = Simulate(BgNbd, ObservationWindow.FixedAge(t), seed: 11);
        var expected = BgNbdNoRepeatPurchase(BgNbd.R, BgNbd.Alpha, t);

        var observed = customers.Count(c => c.History.Frequency == 0) / (double)Customers;

        observed.Should().BeApproximately(expected, Tolerance * ShareStandardError(expected, Customers));
    }

    [Theory]
    [InlineData(39.0)]
    [InlineData(78.0)]
    public void Bgnbd_share_with_one_repeat_purchase_matches_fhl_equation_8(double t)
    {
        var customers = Simulate(BgNbd, ObservationWindow.FixedAge(t), seed: 12);
        var expected = BgNbdOneRepeatPurchase(BgNbd.R, BgNbd.Alpha, BgNbd.A, BgNbd.B, t);

        var observed = customers.Count(c => c.History.Frequency == 1) / (double)Customers;

        observed.Should().BeApproximately(expected, Tolerance * ShareStandardError(expected, Customers));
    }

    [Theory]
    [InlineData(39.0)]
    [InlineData(78.0)]
    public void Bgnbd_mean_repeat_purchases_match_fhl_equation_9(double t)
    {
        var customers = Simulate(BgNbd, ObservationWindow.FixedAge(t), seed: 13);
        var expected = BgNbdExpectedRepeatPurchases(BgNbd.R, BgNbd.Alpha, BgNbd.A, BgNbd.B, t);

        var (mean, standardError) = MeanAndStandardError(customers.Select(c => (double)c.History.Frequency).ToList());

        mean.Should().BeApproximately(expected, Tolerance * standardError);
    }

    [Fact]
    public void Bgnbd_holdout_purchases_add_up_to_the_mean_over_the_longer_period()
    {
        const double t = 39.0;
        const double holdout = 39.0;
        var customers = Simulate(BgNbd, ObservationWindow.FixedAge(t, holdout), seed: 14);
        var expected = BgNbdExpectedRepeatPurchases(BgNbd.R, BgNbd.Alpha, BgNbd.A, BgNbd.B, t + holdout)
            - BgNbdExpectedRepeatPurchases(BgNbd.R, BgNbd.Alpha, BgNbd.A, BgNbd.B, t);

        var (mean, standardError) = MeanAndStandardError(customers.Select(c => (double)c.HoldoutPurchases).ToList());

        mean.Should().BeApproximately(expected, Tolerance * standardError);
    }

    [Fact]
    public void Mbgnbd_share_without_repeat_purchase_includes_dropout_after_the_first_purchase()
    {
        const double t = 39.0;
        var process = new MbgNbdProcess(BgNbd.R, BgNbd.Alpha, BgNbd.A, BgNbd.B);
        var customers = Simulate(process, ObservationWindow.FixedAge(t), seed: 15);
        var expected = MbgNbdNoRepeatPurchase(process.R, process.Alpha, process.A, process.B, t);

        var observed = customers.Count(c => c.History.Frequency == 0) / (double)Customers;

        var lostAtOnce = process.A / (process.A + process.B);
        var observedLostAtOnce = customers.Count(c => c.DropoutTime == 0) / (double)Customers;

        observed.Should().BeApproximately(expected, Tolerance * ShareStandardError(expected, Customers));
        observedLostAtOnce.Should().BeApproximately(lostAtOnce, Tolerance * ShareStandardError(lostAtOnce, Customers));
    }

    [Fact]
    public void Paretonbd_mean_repeat_purchases_match_the_closed_form()
    {
        const double t = 39.0;
        var customers = Simulate(ParetoNbd, ObservationWindow.FixedAge(t), seed: 16);
        var expected = ParetoNbdExpectedRepeatPurchases(ParetoNbd.R, ParetoNbd.Alpha, ParetoNbd.S, ParetoNbd.Beta, t);

        var (mean, standardError) = MeanAndStandardError(customers.Select(c => (double)c.History.Frequency).ToList());

        mean.Should().BeApproximately(expected, Tolerance * standardError);
    }

    [Fact]
    public void Paretonbd_holdout_purchases_add_up_to_the_mean_over_the_longer_period()
    {
        const double t = 39.0;
        const double holdout = 39.0;
        var customers = Simulate(ParetoNbd, ObservationWindow.FixedAge(t, holdout), seed: 17);
        var (r, alpha, s, beta) = (ParetoNbd.R, ParetoNbd.Alpha, ParetoNbd.S, ParetoNbd.Beta);
        var expected = ParetoNbdExpectedRepeatPurchases(r, alpha, s, beta, t + holdout)
            - ParetoNbdExpectedRepeatPurchases(r, alpha, s, beta, t);

        var (mean, standardError) = MeanAndStandardError(customers.Select(c => (double)c.HoldoutPurchases).ToList());

        mean.Should().BeApproximately(expected, Tolerance * standardError);
    }

    [Fact]
    public void Gamma_gamma_mean_repeat_spend_is_p_gamma_over_q_minus_one()
    {
        // Each customer's mean repeat spend has expectation p·E[1/ν] whatever x is, and customers are
        // independent, so its average over buyers has an honest standard error (single transactions do not:
        // a customer's values share ν).
        var spend = new GammaGammaSpend(P: 6.25, Q: 3.74, Gamma: 15.44);
        var scenario = new CustomerBaseScenario(Customers, BgNbd, ObservationWindow.FixedAge(78), Seed: 18, spend);
        var buyers = CustomerBaseSimulator.SimulateHistories(scenario).Where(c => c.History.Frequency > 0).ToList();
        var expected = GammaGammaMeanValue(spend.P, spend.Q, spend.Gamma);

        var (mean, standardError) = MeanAndStandardError(buyers.Select(c => c.MeanRepeatSpend).ToList());

        buyers.Should().HaveCountGreaterThan(Customers / 4);
        mean.Should().BeApproximately(expected, Tolerance * standardError);
    }

    [Fact]
    public void Cdnow_like_preset_gives_about_4_4_transactions_per_customer()
    {
        const int customers = 20_000;
        var scenario = CdnowLikeScenario.Create(customers, seed: 19);
        var expected = 1 + MeanOverAcquisitionWindow(
            t => BgNbdExpectedRepeatPurchases(BgNbd.R, BgNbd.Alpha, BgNbd.A, BgNbd.B, t),
            CdnowLikeScenario.BenchmarkObservationWeeks - CdnowLikeScenario.AcquisitionWeeks,
            CdnowLikeScenario.BenchmarkObservationWeeks);
        var rowsPerCustomer = new double[customers];
        CustomerBaseSimulator.SimulateTransactions(
            scenario,
            CdnowLikeScenario.Calendar,
            (id, _, _) => rowsPerCustomer[int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture) - 1]++);

        var (mean, standardError) = MeanAndStandardError(rowsPerCustomer);

        expected.Should().BeInRange(4.3, 4.5);
        mean.Should().BeApproximately(expected, Tolerance * standardError);
    }

    private static SimulatedCustomer[] Simulate(PurchaseProcess process, ObservationWindow window, int seed) =>
        CustomerBaseSimulator.SimulateHistories(new CustomerBaseScenario(Customers, process, window, seed));

    // Acquisition is uniform on the window, so the mean over customers is the mean of f(T) over T: Simpson's rule.
    private static double MeanOverAcquisitionWindow(Func<double, double> f, double from, double to)
    {
        const int intervals = 64;
        var h = (to - from) / intervals;
        var sum = f(from) + f(to);
        for (var i = 1; i < intervals; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * f(from + (i * h));
        }

        return sum * h / 3 / (to - from);
    }
}
