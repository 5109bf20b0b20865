using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Tests.Support;

namespace CltvDashboard.Domain.Tests.Clv.GammaGamma;

public class GammaGammaModelTests
{
    private static readonly GammaGammaParameters Truth = new(6.25, 3.74, 15.44);

    private static SpendHistory[] CdnowSpend() => [.. Cdnow.SampleSummary.Customers.Select(SpendHistory.From)];

    [Fact]
    public void Fit_recovers_simulated_parameters_within_their_confidence_intervals()
    {
        var customers = SpendSimulation.Draw(Truth, 100_000, 0.4, seed: 20240601);

        var fit = GammaGammaFitter.Fit(customers);

        fit.ModelFit.Diagnostics.Converged.Should().BeTrue();
        fit.CustomersUsed.Should().Be(customers.Count(c => c.Frequency > 0));
        Covers(fit, "p", fit.Parameters.P, Truth.P);
        Covers(fit, "q", fit.Parameters.Q, Truth.Q);
        Covers(fit, "gamma", fit.Parameters.Gamma, Truth.Gamma);
        fit.FrequencyValueCorrelation.Should().BeInRange(-0.05, 0.05, "spend is drawn independently of frequency");
        fit.ModelFit.Diagnostics.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Fit_leaves_out_one_time_buyers_and_zero_value_customers_and_counts_them()
    {
        SpendHistory[] extra = [new(0, 0), new(0, 0), new(3, 0), new(0, 12.5)];

        var fit = GammaGammaFitter.Fit([.. CdnowSpend(), .. extra]);

        fit.CustomersUsed.Should().Be(946);
        fit.OneTimeBuyersLeftOut.Should().Be(1411 + 3);
        fit.ZeroValueCustomersLeftOut.Should().Be(1);
        fit.CustomersLeftOut.Should().Be(1415);
        fit.ModelFit.Diagnostics.Warnings.Should().ContainSingle(w => w.Contains("worth 0"));
        fit.Parameters.P.Should().BeApproximately(6.25, 0.005, "the left-out rows do not enter the likelihood");
    }

    [Fact]
    public void Too_few_repeat_customers_is_a_fit_error_that_explains_the_counts()
    {
        SpendHistory[] customers = [.. Enumerable.Repeat(new SpendHistory(0, 0), 50), .. Enumerable.Range(1, 9).Select(i => new SpendHistory(i, 10.0 * i)), new(2, 0)];

        var fit = () => GammaGammaFitter.Fit(customers);

        fit.Should().Throw<ModelFitException>()
            .WithMessage("*at least 10 customers*only 9 of 60*50 bought only once, 1 had repeat purchases worth 0*");
    }

    [Theory]
    [InlineData(-1, 10.0, "repeat purchases must be 0 or more")]
    [InlineData(2, -3.0, "finite and 0 or more")]
    [InlineData(2, double.NaN, "finite and 0 or more")]
    public void Impossible_rows_are_rejected_by_row_number(int frequency, double value, string reason)
    {
        var customers = CdnowSpend();
        customers[41] = new SpendHistory(frequency, value);

        var fit = () => GammaGammaFitter.Fit(customers);

        fit.Should().Throw<ArgumentException>().WithMessage($"Customer row 42:*{reason}*");
    }

    [Fact]
    public void Identical_customers_give_finite_estimates_and_a_boundary_warning()
    {
        var customers = Enumerable.Repeat(new SpendHistory(3, 25.0), 200).ToArray();

        var fit = GammaGammaFitter.Fit(customers);

        new[] { fit.Parameters.P, fit.Parameters.Q, fit.Parameters.Gamma, fit.ModelFit.LogLikelihood }
            .Should().AllSatisfy(v => double.IsFinite(v).Should().BeTrue());
        fit.FrequencyValueCorrelation.Should().BeNull();
        fit.ModelFit.Diagnostics.Warnings.Should().NotBeEmpty();
        fit.Parameters.ConditionalExpectedAverageValue(3, 25.0).Should().BeApproximately(25.0, 0.5);
    }

    [Theory]
    [InlineData(1e9)]
    [InlineData(1e-6)]
    public void Rescaling_the_currency_rescales_gamma_and_nothing_else(double typicalValue)
    {
        // CDNOW's mean repeat spend is about $35; multiplying every value by c multiplies γ by c, leaves p and q
        // alone, and shifts the log-likelihood by −n·ln c (the density of m̄ is per unit of currency).
        var factor = typicalValue / 35.0;
        var rescaled = CdnowSpend().Select(s => s with { MonetaryValue = s.MonetaryValue * factor }).ToArray();
        var reference = GammaGammaFitter.Fit(CdnowSpend());

        var fit = GammaGammaFitter.Fit(rescaled);

        fit.ModelFit.Diagnostics.Converged.Should().BeTrue();
        fit.ModelFit.Diagnostics.OnBoundary.Should().BeFalse();
        fit.Parameters.P.Should().BeApproximately(reference.Parameters.P, 1e-4);
        fit.Parameters.Q.Should().BeApproximately(reference.Parameters.Q, 1e-4);
        fit.Parameters.Gamma.Should().BeApproximately(reference.Parameters.Gamma * factor, 1e-5 * reference.Parameters.Gamma * factor);
        fit.ModelFit.StandardErrors["gamma"].Should().BeApproximately(reference.ModelFit.StandardErrors["gamma"] * factor, 1e-3 * factor * reference.ModelFit.StandardErrors["gamma"]!.Value);
        fit.ModelFit.LogLikelihood.Should().BeApproximately(reference.ModelFit.LogLikelihood - 946 * Math.Log(factor), 1e-6);
    }

    [Fact]
    public void Frequency_correlated_with_spend_is_reported_with_a_warning()
    {
        // Frequent buyers spend more: m̄ grows with x, against the model's independence assumption.
        var random = new Random(7);
        var customers = Enumerable.Range(0, 2_000)
            .Select(_ => random.Next(1, 12))
            .Select(x => new SpendHistory(x, 10.0 * x * Math.Exp(0.3 * (random.NextDouble() - 0.5))))
            .ToArray();

        var fit = GammaGammaFitter.Fit(customers);

        fit.FrequencyValueCorrelation.Should().BeGreaterThan(GammaGammaFit.CorrelationWarningThreshold);
        fit.ModelFit.Diagnostics.Warnings.Should().Contain(w => w.Contains("correlated") && w.Contains("independent"));
    }

    [Fact]
    public void Heavy_tailed_spend_fits_q_below_one_and_warns_that_the_mean_is_infinite()
    {
        var customers = SpendSimulation.Draw(new GammaGammaParameters(3.0, 0.7, 20.0), 20_000, 0.5, seed: 11);

        var fit = GammaGammaFitter.Fit(customers);

        fit.ModelFit.Diagnostics.Converged.Should().BeTrue();
        fit.Parameters.HasFiniteMean.Should().BeFalse();
        fit.ModelFit.Diagnostics.Warnings.Should().Contain(w => w.Contains("mean spend is infinite"));
        FluentActions.Invoking(() => fit.Parameters.PopulationMeanValue).Should().Throw<InvalidOperationException>();
    }

    private static void Covers(GammaGammaFit fit, string name, double estimate, double truth)
    {
        var standardError = fit.ModelFit.StandardErrors[name];
        standardError.Should().NotBeNull();
        Math.Abs(estimate - truth).Should().BeLessThanOrEqualTo(1.96 * standardError!.Value, $"{name} = {estimate} ± {standardError} should cover {truth}");
    }
}
