using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.ParetoNbd;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Clv.ParetoNbd;

public class ParetoNbdModelTests
{
    [Fact]
    public void Fit_recovers_published_cdnow_parameters()
    {
        // Fader & Hardie (2005) on the CDNOW sample in weeks: r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0.
        var fit = ParetoNbdFitter.Fit(Cdnow.SampleSummary.Histories());

        fit.Diagnostics.Converged.Should().BeTrue();
        fit.Diagnostics.ParametersOnBoundary.Should().BeEmpty();
        Math.Round(fit.Parameters.R, 3).Should().Be(0.553);
        Math.Round(fit.Parameters.Alpha, 3).Should().Be(10.578);
        fit.Parameters.S.Should().BeApproximately(0.606, 0.002);
        fit.Parameters.Beta.Should().BeApproximately(11.669, 0.01);
        fit.LogLikelihood.Should().BeApproximately(-9595.0, 0.05);
        fit.StandardErrors.Keys.Should().BeEquivalentTo("r", "alpha", "s", "beta");
        fit.StandardErrors.Values.Should().OnlyContain(se => se > 0);
    }

    [Fact]
    public void Log_likelihood_at_the_lifetimes_estimates_matches_lifetimes()
    {
        // The Python package lifetimes fits r = 0.5534, α = 10.5802, s = 0.6061, β = 11.6656 with LL = −9594.98.
        var lifetimes = new ParetoNbdParameters(0.5534, 10.5802, 0.6061, 11.6656);

        var total = Cdnow.SampleSummary.Histories().Sum(lifetimes.LogLikelihood);

        total.Should().BeApproximately(-9594.98, 0.01);
    }

    [Fact]
    public void Fit_from_a_distant_initial_guess_reaches_the_same_estimates()
    {
        var histories = Cdnow.SampleSummary.Histories();
        var reference = ParetoNbdFitter.Fit(histories).Parameters;

        var fit = ParetoNbdFitter.Fit(histories, new ParetoNbdFitOptions { InitialGuess = new ParetoNbdParameters(5, 1, 0.05, 200) });

        fit.Diagnostics.Converged.Should().BeTrue();
        fit.Parameters.R.Should().BeApproximately(reference.R, 1e-4);
        fit.Parameters.Alpha.Should().BeApproximately(reference.Alpha, 1e-3);
        fit.Parameters.S.Should().BeApproximately(reference.S, 1e-3);
        fit.Parameters.Beta.Should().BeApproximately(reference.Beta, 1e-2);
    }

    [Theory]
    [InlineData(0.55, 10.6, 0.61, 11.7)]
    [InlineData(0.8, 2.0, 1.3, 40.0)]
    [InlineData(1.7, 35.0, 0.4, 3.0)]
    public void Fit_recovers_the_parameters_of_simulated_customers(double r, double alpha, double s, double beta)
    {
        // CDNOW-like rates, and two where the tails of young customers need the quadrature, with α < β and with α > β.
        var truth = new ParetoNbdParameters(r, alpha, s, beta);
        var customers = ParetoNbdSimulation.Customers(20_000, r, alpha, s, beta, 546, seed: 11);

        var fit = ParetoNbdFitter.Fit(customers);

        fit.Diagnostics.Converged.Should().BeTrue();
        foreach (var (name, value) in truth.ParameterValues)
        {
            var standardError = fit.StandardErrors[name]!.Value;
            fit.Parameters.ParameterValues[name].Should().BeApproximately(value, 4 * standardError, name);
        }
    }

    [Fact]
    public void Fit_in_days_is_the_fit_in_weeks_rescaled()
    {
        // α and β are rates per time unit; the likelihood's λ^x makes LL_days = LL_weeks − Σx · ln 7.
        var weeks = Cdnow.SampleSummary.Histories();
        var days = weeks.Select(h => new PurchaseHistory(h.Frequency, h.Recency * 7, h.T * 7)).ToArray();

        var weekly = ParetoNbdFitter.Fit(weeks);
        var daily = ParetoNbdFitter.Fit(days);

        daily.Parameters.R.Should().BeApproximately(weekly.Parameters.R, 1e-5);
        daily.Parameters.Alpha.Should().BeApproximately(7 * weekly.Parameters.Alpha, 1e-3);
        daily.Parameters.S.Should().BeApproximately(weekly.Parameters.S, 1e-4);
        daily.Parameters.Beta.Should().BeApproximately(7 * weekly.Parameters.Beta, 1e-2);
        daily.LogLikelihood.Should().BeApproximately(weekly.LogLikelihood - (weeks.Sum(h => h.Frequency) * Math.Log(7)), 1e-6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Fit_without_dropout_says_the_data_show_none(int seed)
    {
        // Customers who buy at Poisson times until T and never leave: the dropout distribution has nothing to fit.
        var customers = ParetoNbdSimulation.Customers(2_000, 1.5, 10, s: null, beta: 1, 546, seed);

        var fit = ParetoNbdFitter.Fit(customers);

        fit.Diagnostics.Warnings.Should().Contain(w => w.Contains("evidence of dropout", StringComparison.Ordinal) || w.Contains("evidence of customers dropping out", StringComparison.Ordinal));
        var onBoundary = fit.Diagnostics.ParametersOnBoundary.Contains("s");
        var negligible = fit.Diagnostics.Warnings.Any(w => w.Contains("little evidence", StringComparison.Ordinal));
        (onBoundary || negligible).Should().BeTrue("s goes to its lower boundary or the fit says the dropout is negligible");
        double.IsFinite(fit.LogLikelihood).Should().BeTrue();
        customers.Average(fit.Parameters.ProbabilityAlive).Should().BeGreaterThan(0.99);
    }

    [Fact]
    public void Fit_without_dropout_puts_s_on_its_lower_boundary()
    {
        var customers = ParetoNbdSimulation.Customers(2_000, 1.5, 10, s: null, beta: 1, 546, seed: 1);

        var fit = ParetoNbdFitter.Fit(customers);

        fit.Diagnostics.ParametersOnBoundary.Should().Contain("s");
        fit.Diagnostics.Warnings.Should().Contain(w => w.StartsWith("No evidence of dropout in the data", StringComparison.Ordinal));
        fit.Diagnostics.Limits.Should().ContainSingle();
    }

    [Fact]
    public void Fit_of_one_time_buyers_only_explains_why_it_cannot_fit()
    {
        PurchaseHistory[] customers = [new(0, 0, 10), new(0, 0, 20), new(0, 0, 30)];

        var fit = () => ParetoNbdFitter.Fit(customers);

        fit.Should().Throw<ModelFitException>().WithMessage("*None of the 3 customers made a repeat purchase*");
    }

    [Fact]
    public void Fit_of_no_customers_explains_why_it_cannot_fit()
    {
        var fit = () => ParetoNbdFitter.Fit([]);

        fit.Should().Throw<ModelFitException>().WithMessage("*without customers*");
    }

    [Fact]
    public void Fit_rejects_an_invalid_history_by_row()
    {
        PurchaseHistory[] customers = [new(2, 10, 20), new(1, 30, 20)];

        var fit = () => ParetoNbdFitter.Fit(customers);

        fit.Should().Throw<ArgumentException>().WithMessage("Customer row 2*");
    }

    [Theory]
    [InlineData(2, 10.0, 20.0)]
    [InlineData(3, 20.0, 20.0)]
    [InlineData(1, 0.5, 1.0)]
    public void Fit_of_identical_customers_stays_finite(int x, double recency, double age)
    {
        var customers = Enumerable.Repeat(new PurchaseHistory(x, recency, age), 100).ToArray();

        var fit = ParetoNbdFitter.Fit(customers);

        fit.Parameters.ParameterValues.Values.Should().OnlyContain(v => double.IsFinite(v) && v > 0);
        double.IsFinite(fit.LogLikelihood).Should().BeTrue();
        fit.StandardErrors.Values.Should().OnlyContain(se => se == null || double.IsFinite(se.Value));
        fit.Parameters.ProbabilityAlive(customers[0]).Should().BeInRange(0, 1);
        double.IsFinite(fit.Parameters.ExpectedPurchases(customers[0], 52)).Should().BeTrue();
        double.IsFinite(fit.Parameters.ExpectedPurchasesNewCustomer(52)).Should().BeTrue();
    }
}
