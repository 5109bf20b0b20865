using CltvDashboard.Domain.Clv.Fitting;
using CltvDashboard.Domain.Clv.Numerics;
using CltvDashboard.Domain.Clv.ParetoNbd;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Clv.ParetoNbd;

public class ParetoNbdLikelihoodTests
{
    // Fader & Hardie's CDNOW estimates in weeks (α < β), a mirror with α > β, points where the tail needs the
    // quadrature because z(t) = |α − β| / (max(α, β) + t) exceeds the series limit for small t, and α = β where the
    // series is a single term.
    public static readonly TheoryData<double, double, double, double> ParameterSets = new()
    {
        { 0.553, 10.578, 0.606, 11.669 },
        { 0.553, 11.669, 0.606, 10.578 },
        { 0.8, 2.0, 1.3, 40.0 },
        { 1.7, 35.0, 0.4, 3.0 },
        { 0.25, 0.05, 2.5, 80.0 },
        { 0.9, 7.0, 0.7, 7.0 },
    };

    public static readonly TheoryData<int, double, double> Histories = new()
    {
        { 0, 0, 39 },
        { 0, 0, 1e-9 },
        { 1, 0.5, 39 },
        { 2, 30.43, 38.86 },
        { 7, 12, 25 },
        { 25, 37.5, 38 },
        { 3, 20, 20 },
        { 150, 30, 40 },
        { 10_000, 38, 40 },
    };

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Customer_log_likelihood_matches_direct_integration_of_the_dropout_integral(double r, double alpha, double s, double beta)
    {
        var parameters = new ParetoNbdParameters(r, alpha, s, beta);
        foreach (var (x, recency, age) in HistoryRows())
        {
            var expected = DirectIntegration.LogLikelihood(r, alpha, s, beta, x, recency, age);

            var actual = parameters.LogLikelihood(new PurchaseHistory(x, recency, age));

            actual.Should().BeApproximately(expected, 1e-9 * Math.Max(1, Math.Abs(expected)), $"x = {x}, t_x = {recency}, T = {age}");
        }
    }

    [Theory]
    [InlineData(0.553, 10.578, 0.606, 11.669)]
    [InlineData(0.553, 11.669, 0.606, 10.578)]
    [InlineData(0.8, 2.0, 1.3, 40.0)]
    [InlineData(1.7, 35.0, 0.4, 3.0)]
    [InlineData(0.9, 7.0, 0.7, 7.0)]
    public void Likelihood_with_the_recency_density_sums_to_one_over_all_histories(double r, double alpha, double s, double beta)
    {
        // Σ_x ∫ L(x, t_x, T) t_x^(x−1)/(x−1)! dt_x + L(0, 0, T) = 1: the likelihood is a probability law of (x, t_x).
        var parameters = new ParetoNbdParameters(r, alpha, s, beta);
        const double age = 20;

        var total = DirectIntegration.OverHistories(
            (x, recency) => parameters.LogLikelihood(new PurchaseHistory(x, recency, age)), (_, _) => 1, age);

        total.Should().BeApproximately(1, 1e-7);
    }

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Customer_gradient_matches_central_finite_differences(double r, double alpha, double s, double beta)
    {
        var theta = new[] { r, alpha, s, beta };
        foreach (var (x, recency, age) in HistoryRows())
        {
            ParetoNbdLikelihood.LogLikelihood(new ParetoNbdPoint(r, alpha, s, beta), x, recency, age, out var partials);
            var analytic = new[] { partials.R, partials.Alpha, partials.S, partials.Beta };
            for (var j = 0; j < 4; j++)
            {
                var numeric = CentralDifference(
                    step =>
                    {
                        var shifted = (double[])theta.Clone();
                        shifted[j] *= Math.Exp(step);
                        return ParetoNbdLikelihood.LogLikelihood(new ParetoNbdPoint(shifted[0], shifted[1], shifted[2], shifted[3]), x, recency, age, out _);
                    }) / theta[j];

                analytic[j].Should().BeApproximately(numeric, 1e-6 * Math.Max(1, Math.Abs(numeric)), $"parameter {j} at x = {x}, t_x = {recency}, T = {age}");
            }
        }
    }

    [Theory]
    [InlineData(0.5, 10.0, 0.6, 12.0)]
    [InlineData(0.553, 10.578, 0.606, 11.669)]
    [InlineData(2.0, 1.0, 0.2, 60.0)]
    [InlineData(0.3, 50.0, 3.0, 2.0)]
    public void Total_gradient_over_cdnow_matches_central_finite_differences(double r, double alpha, double s, double beta)
    {
        var objective = new ParetoNbdObjective(HistoryTable.Create(Cdnow.SampleSummary.Histories()));
        double[] point = [Math.Log(r), Math.Log(alpha), Math.Log(s), Math.Log(beta)];
        var analytic = new double[4];
        var scratch = new double[4];
        objective.NegativeLogLikelihood(point, analytic);

        for (var j = 0; j < 4; j++)
        {
            var numeric = CentralDifference(step =>
            {
                var shifted = (double[])point.Clone();
                shifted[j] += step;
                return objective.NegativeLogLikelihood(shifted, scratch);
            });

            analytic[j].Should().BeApproximately(numeric, 1e-6 * Math.Max(1, Math.Abs(numeric)), $"log-parameter {j}");
        }
    }

    [Fact]
    public void Total_log_likelihood_is_the_sum_of_customer_log_likelihoods()
    {
        var histories = Cdnow.SampleSummary.Histories();
        var parameters = new ParetoNbdParameters(0.8, 2.0, 1.3, 40.0);
        var objective = new ParetoNbdObjective(HistoryTable.Create(histories));

        var total = objective.LogLikelihood(new ParetoNbdPoint(0.8, 2.0, 1.3, 40.0), new double[4]);

        total.Should().BeApproximately(histories.Sum(parameters.LogLikelihood), 1e-8);
    }

    [Theory]
    [InlineData(0.553, 10.578, 0.606, 11.669)]
    [InlineData(0.553, 0.1, 0.606, 11.669)]
    [InlineData(0.553, 11.669, 0.606, 0.1)]
    [InlineData(1e-6, 1e-6, 1e6, 1e6)]
    [InlineData(1e6, 1e-6, 1e-6, 1e6)]
    [InlineData(1e-4, 1e8, 1e-4, 1e-8)]
    public void Extreme_histories_give_finite_log_likelihoods_and_gradients(double r, double alpha, double s, double beta)
    {
        PurchaseHistory[] extremes =
        [
            new(10_000, 38, 40),
            new(10_000, 0.001, 40),
            new(10_000, 40, 40),
            new(0, 0, 1e-9),
            new(0, 0, 0),
            new(1, 1e-9, 1e-9),
            new(1, 0, 1e-9),
            new(5, 0, 1e-9),
            new(3, 20, 20),
            new(int.MaxValue / 2, 1, 2),
        ];
        var parameters = new ParetoNbdParameters(r, alpha, s, beta);
        foreach (var history in extremes)
        {
            var value = ParetoNbdLikelihood.LogLikelihood(new ParetoNbdPoint(r, alpha, s, beta), history.Frequency, history.Recency, history.T, out var partials);

            double.IsFinite(value).Should().BeTrue($"log L at {history}");
            value.Should().BeLessThanOrEqualTo(history.Frequency == 0 ? 1e-12 : double.MaxValue, $"a one-time buyer's likelihood is a probability at {history}");
            new[] { partials.R, partials.Alpha, partials.S, partials.Beta }.Should().OnlyContain(g => double.IsFinite(g), $"gradient at {history}");
            parameters.ProbabilityAlive(history).Should().BeInRange(0, 1);
            double.IsFinite(parameters.ExpectedPurchases(history, 52)).Should().BeTrue();
        }
    }

    [Fact]
    public void Frequent_buyer_matches_direct_integration_on_both_sides_of_alpha_equals_beta()
    {
        // The last two put z(38) above the series limit, so the tail is split between quadrature and series.
        foreach (var (alpha, beta) in new[] { (10.578, 11.669), (11.669, 10.578), (0.3, 11.669), (11.669, 0.3), (0.01, 400.0), (400.0, 0.01) })
        {
            var expected = DirectIntegration.LogLikelihood(0.553, alpha, 0.606, beta, 10_000, 38, 40);

            var actual = new ParetoNbdParameters(0.553, alpha, 0.606, beta).LogLikelihood(new PurchaseHistory(10_000, 38, 40));

            actual.Should().BeApproximately(expected, 1e-9 * Math.Abs(expected), $"α = {alpha}, β = {beta}");
        }
    }

    [Fact]
    public void Tail_is_continuous_where_the_series_hands_over_to_quadrature()
    {
        // z(t) = (β − α)/(β + t) crosses the series limit at t = (β − α)/limit − β.
        const double alpha = 2, beta = 40;
        var crossing = ((beta - alpha) / ParetoNbdLikelihood.SeriesLimit) - beta;
        var point = new ParetoNbdPoint(0.7, alpha, 0.9, beta);
        foreach (var x in new[] { 0, 1, 12, 400 })
        {
            double Tail(double t, out Partials partials) =>
                ParetoNbdLikelihood.LogTail(point, 0.7 + x, t, Math.Log(alpha + t), Math.Log(beta + t), out partials);

            var below = Tail(crossing * (1 - 1e-12), out var belowPartials);
            var above = Tail(crossing * (1 + 1e-12), out var abovePartials);

            below.Should().BeApproximately(above, 1e-11 * Math.Max(1, Math.Abs(above)), $"x = {x}");
            double[] belowGradient = [belowPartials.R, belowPartials.Alpha, belowPartials.S, belowPartials.Beta];
            double[] aboveGradient = [abovePartials.R, abovePartials.Alpha, abovePartials.S, abovePartials.Beta];
            for (var j = 0; j < 4; j++)
            {
                belowGradient[j].Should().BeApproximately(aboveGradient[j], 1e-9 * Math.Max(1, Math.Abs(aboveGradient[j])), $"partial {j} at x = {x}");
            }
        }
    }

    [Fact]
    public void Probability_alive_matches_direct_integration()
    {
        foreach (var (r, alpha, s, beta) in new[] { (0.553, 10.578, 0.606, 11.669), (0.8, 2.0, 1.3, 40.0), (1.7, 35.0, 0.4, 3.0) })
        {
            var parameters = new ParetoNbdParameters(r, alpha, s, beta);
            foreach (var (x, recency, age) in HistoryRows())
            {
                var expected = DirectIntegration.ProbabilityAlive(r, alpha, s, beta, x, recency, age);

                parameters.ProbabilityAlive(new PurchaseHistory(x, recency, age)).Should().BeApproximately(expected, 1e-9);
            }
        }
    }

    private static IEnumerable<(int X, double Recency, double Age)> HistoryRows() =>
        Histories.Select(row => ((int)row[0], (double)row[1], (double)row[2]));

    // Fourth-order central difference in a log-scale step.
    private static double CentralDifference(Func<double, double> f)
    {
        const double h = 1e-4;
        return ((8 * (f(h) - f(-h))) - (f(2 * h) - f(-2 * h))) / (12 * h);
    }
}
