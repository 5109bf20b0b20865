using CltvDashboard.Domain.Clv.GammaGamma;

namespace CltvDashboard.Domain.Tests.Clv.GammaGamma;

public class GammaGammaParametersTests
{
    private static readonly GammaGammaParameters Cdnow = new(6.25, 3.74, 15.44);

    [Theory]
    [InlineData(0.0, 3.74, 15.44, "P")]
    [InlineData(-1.0, 3.74, 15.44, "P")]
    [InlineData(6.25, double.NaN, 15.44, "Q")]
    [InlineData(6.25, 3.74, double.PositiveInfinity, "Gamma")]
    public void Parameters_must_be_finite_and_positive(double p, double q, double gamma, string name)
    {
        var create = () => new GammaGammaParameters(p, q, gamma);

        create.Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == name && e.Message.Contains("finite and positive"));
    }

    [Fact]
    public void Conditional_expected_value_matches_a_hand_computation()
    {
        // p(γ + x·m̄)/(p·x + q − 1) = 6.25 × (15.44 + 2 × 30) / (12.5 + 2.74) = 471.5 / 15.24.
        Cdnow.ConditionalExpectedAverageValue(2, 30.0).Should().BeApproximately(30.9383202099737, 1e-10);
    }

    [Theory]
    [InlineData(1, 12.0)]
    [InlineData(3, 80.0)]
    [InlineData(40, 5.5)]
    public void Conditional_expected_value_is_the_credibility_weighted_mean_of_population_and_own_mean(int x, double m)
    {
        // Fader & Hardie (2013): weight (q − 1)/(px + q − 1) on the population mean, px/(px + q − 1) on m̄.
        var denominator = Cdnow.P * x + Cdnow.Q - 1;
        var expected = (Cdnow.Q - 1) / denominator * Cdnow.PopulationMeanValue + Cdnow.P * x / denominator * m;

        Cdnow.ConditionalExpectedAverageValue(x, m).Should().BeApproximately(expected, 1e-12 * expected);
    }

    [Fact]
    public void One_time_buyer_is_expected_to_spend_the_population_mean()
    {
        Cdnow.PopulationMeanValue.Should().BeApproximately(6.25 * 15.44 / 2.74, 1e-12);
        Cdnow.ConditionalExpectedAverageValue(0, 0).Should().Be(Cdnow.PopulationMeanValue);
        Cdnow.ConditionalExpectedAverageValue(0, 999).Should().Be(Cdnow.PopulationMeanValue);
    }

    [Fact]
    public void More_repeat_purchases_pull_the_expectation_towards_the_customers_own_mean()
    {
        var distances = new[] { 1, 10, 100, 10_000 }
            .Select(x => Math.Abs(Cdnow.ConditionalExpectedAverageValue(x, 100.0) - 100.0))
            .ToArray();

        distances.Should().BeInDescendingOrder();
        distances[^1].Should().BeLessThan(0.1);
    }

    [Fact]
    public void Q_at_most_one_has_no_finite_mean_and_says_so()
    {
        var heavyTailed = new GammaGammaParameters(2.0, 0.8, 10.0);

        heavyTailed.HasFiniteMean.Should().BeFalse();
        FluentActions.Invoking(() => heavyTailed.PopulationMeanValue)
            .Should().Throw<InvalidOperationException>().WithMessage("*q = 0.8 ≤ 1*infinite*");
        FluentActions.Invoking(() => heavyTailed.ConditionalExpectedAverageValue(0, 0))
            .Should().Throw<InvalidOperationException>();

        // With a repeat purchase the posterior has shape px + q = 2.8 > 1, so the expectation exists.
        heavyTailed.ConditionalExpectedAverageValue(1, 20.0).Should().BeApproximately(2.0 * 30.0 / 1.8, 1e-12);
    }

    [Fact]
    public void Q_just_above_one_has_a_finite_mean()
    {
        new GammaGammaParameters(2.0, 1.0001, 10.0).HasFiniteMean.Should().BeTrue();
        new GammaGammaParameters(2.0, 1.0, 10.0).HasFiniteMean.Should().BeFalse();
    }

    [Fact]
    public void Conditional_expected_value_rejects_impossible_histories()
    {
        FluentActions.Invoking(() => Cdnow.ConditionalExpectedAverageValue(-1, 10)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Cdnow.ConditionalExpectedAverageValue(2, -5)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Cdnow.ConditionalExpectedAverageValue(2, double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(25)]
    public void Log_likelihood_is_a_density_of_the_mean_value_that_integrates_to_one(int x)
    {
        // Substituting m̄ = e^u, ∫ f(m̄) dm̄ = ∫ f(e^u) e^u du; Simpson's rule on a wide u grid.
        const int intervals = 20_000;
        const double from = -20.0;
        const double to = 20.0;
        var h = (to - from) / intervals;
        var total = 0.0;
        for (var i = 0; i <= intervals; i++)
        {
            var u = from + i * h;
            var weight = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
            total += weight * Math.Exp(Cdnow.LogLikelihood(x, Math.Exp(u)) + u);
        }

        (total * h / 3).Should().BeApproximately(1.0, 1e-9);
    }

    [Fact]
    public void Log_likelihood_needs_a_repeat_purchase_of_positive_value()
    {
        FluentActions.Invoking(() => Cdnow.LogLikelihood(0, 10)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Cdnow.LogLikelihood(2, 0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
