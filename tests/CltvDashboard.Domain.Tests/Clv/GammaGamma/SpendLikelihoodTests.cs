using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Clv.Numerics;
using MathNet.Numerics;

namespace CltvDashboard.Domain.Tests.Clv.GammaGamma;

public class SpendLikelihoodTests
{
    private static readonly SpendHistory[] Customers =
        [.. SpendSimulation.Draw(new GammaGammaParameters(4.0, 2.5, 30.0), 3_000, 1.0, seed: 17)];

    public static TheoryData<double, double, double> Points => new()
    {
        { 6.25, 3.74, 15.44 },
        { 0.3, 1.2, 2.0 },
        { 40.0, 25.0, 300.0 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Negative_log_likelihood_is_minus_the_sum_of_the_customers_log_densities(double p, double q, double gamma)
    {
        var likelihood = SpendLikelihood.Create(Customers);
        var parameters = new GammaGammaParameters(p, q, gamma);
        var expected = Customers.Sum(c => parameters.LogLikelihood(c.Frequency, c.MonetaryValue));

        var scaled = -likelihood.NegativeLogLikelihood([Math.Log(p), Math.Log(q), Math.Log(gamma / likelihood.Scale)], new double[3]);

        likelihood.ToCurrencyLogLikelihood(scaled).Should().BeApproximately(expected, 1e-9 * Math.Abs(expected));
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Gradient_matches_central_finite_differences(double p, double q, double gamma)
    {
        var likelihood = SpendLikelihood.Create(Customers);
        double[] point = [Math.Log(p), Math.Log(q), Math.Log(gamma / likelihood.Scale)];
        var gradient = new double[3];
        likelihood.NegativeLogLikelihood(point, gradient);

        const double step = 1e-5;
        for (var j = 0; j < 3; j++)
        {
            var plus = (double[])point.Clone();
            var minus = (double[])point.Clone();
            plus[j] += step;
            minus[j] -= step;
            var numerical = (likelihood.NegativeLogLikelihood(plus, new double[3]) - likelihood.NegativeLogLikelihood(minus, new double[3])) / (2 * step);

            gradient[j].Should().BeApproximately(numerical, 1e-6 * Math.Max(1.0, Math.Abs(numerical)), $"coordinate {j}");
        }
    }

    [Fact]
    public void Identical_customers_share_one_row()
    {
        SpendHistory[] customers = [new(2, 10.0), new(2, 10.0), new(3, 10.0), new(2, 10.5), new(2, 10.0)];

        var likelihood = SpendLikelihood.Create(customers);

        likelihood.Rows.Should().Be(3);
        likelihood.Customers.Should().Be(5);
    }

    [Fact]
    public void Grouping_does_not_change_the_likelihood()
    {
        var repeated = Customers.Take(500).Concat(Customers.Take(500)).ToArray();
        var grouped = SpendLikelihood.Create(repeated);
        var parameters = new GammaGammaParameters(3.0, 2.0, 20.0);
        var expected = repeated.Sum(c => parameters.LogLikelihood(c.Frequency, c.MonetaryValue));

        var scaled = -grouped.NegativeLogLikelihood([Math.Log(3.0), Math.Log(2.0), Math.Log(20.0 / grouped.Scale)], new double[3]);

        grouped.Rows.Should().Be(500);
        grouped.ToCurrencyLogLikelihood(scaled).Should().BeApproximately(expected, 1e-9 * Math.Abs(expected));
    }

    [Theory]
    [InlineData(1e-8)]
    [InlineData(0.37)]
    [InlineData(1.0)]
    [InlineData(3.74)]
    [InlineData(7.999)]
    [InlineData(8.0)]
    [InlineData(55.5)]
    [InlineData(1e6)]
    public void Log_gamma_agrees_with_mathnet(double q)
    {
        var expected = SpecialFunctions.GammaLn(q);

        LogGamma.Of(q).Should().BeApproximately(expected, 1e-13 * Math.Max(1.0, Math.Abs(expected)));
    }

    [Theory]
    [InlineData(1e-9, 3.74)]
    [InlineData(0.5, 0.5)]
    [InlineData(6.25, 3.74)]
    [InlineData(125.0, 3.74)]
    [InlineData(20.0, 1e-9)]
    [InlineData(3.0, 400.0)]
    public void Log_gamma_ratio_agrees_with_mathnet(double a, double q)
    {
        var expected = SpecialFunctions.GammaLn(a + q) - SpecialFunctions.GammaLn(a);

        LogGamma.Ratio(a, q).Should().BeApproximately(expected, 1e-12 * Math.Max(1.0, Math.Abs(expected)));
    }
}
