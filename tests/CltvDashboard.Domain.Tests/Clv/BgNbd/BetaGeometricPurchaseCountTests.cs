using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;
using MathNet.Numerics;

namespace CltvDashboard.Domain.Tests.Clv.BgNbd;

public class BetaGeometricPurchaseCountTests
{
    // 90 days and the CDNOW holdout of 39 weeks, in weeks.
    private static readonly double[] Periods = [90 / 7.0, 39];

    public static TheoryData<string> Models => [BgNbdParameters.ModelName, MbgNbdParameters.ModelName];

    [Theory]
    [MemberData(nameof(Models))]
    public void Purchase_count_probabilities_equal_integration_over_the_posterior(string name)
    {
        var model = Published(name);
        foreach (var customer in CdnowCustomers.Spread())
        {
            var posterior = Posterior(model, customer);
            foreach (var t in Periods)
            {
                for (var k = 0; k <= 5; k++)
                {
                    var count = k;
                    var expected = posterior.Expectation((rate, dropout) => BetaGeometricPosterior.CountIfAlive(rate, dropout, t, count), ifDead: k == 0 ? 1 : 0);

                    model.PurchaseCountProbability(customer, t, k).Should().BeApproximately(expected, 1e-6, $"{name}, {customer}, t = {t}, k = {k}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Chance_of_buying_again_equals_integration_over_the_posterior(string name)
    {
        var model = Published(name);
        foreach (var customer in CdnowCustomers.Spread())
        {
            var posterior = Posterior(model, customer);
            foreach (var t in Periods)
            {
                var expected = posterior.Expectation((rate, _) => -SpecialFunctions.Expm1(-rate * t), ifDead: 0);

                model.ProbabilityOfPurchase(customer, t).Should().BeApproximately(expected, 1e-6, $"{name}, {customer}, t = {t}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Purchase_count_probabilities_sum_to_one(string name)
    {
        var model = Published(name);
        foreach (var customer in CdnowCustomers.Spread().Append(new PurchaseHistory(300, 77.5, 78)))
        {
            var total = SumUntilOne(k => model.PurchaseCountProbability(customer, 39, k));

            total.Should().BeApproximately(1, 1e-9, $"{name}, {customer}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Chance_of_buying_again_rises_with_the_period_towards_P_alive(string name)
    {
        var model = Published(name);
        foreach (var customer in CdnowCustomers.Spread())
        {
            var chances = new[] { 0, 1, 4, 13, 52, 520, 5200, 1e30 }.Select(t => model.ProbabilityOfPurchase(customer, t)).ToArray();

            chances[0].Should().Be(0);
            chances.Should().BeInAscendingOrder();
            chances[^1].Should().BeApproximately(model.ProbabilityAlive(customer), 1e-6);
            model.ProbabilityOfPurchase(customer, double.PositiveInfinity).Should().BeApproximately(model.ProbabilityAlive(customer), 1e-15);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Chance_of_buying_again_of_a_heavy_long_standing_buyer_is_finite_and_keeps_its_digits(string name)
    {
        var model = Published(name);
        var customer = new PurchaseHistory(20_000, 4_999, 5_000);
        var alive = model.ProbabilityAlive(customer);

        // Over a moment, the chance is the posterior purchase rate (r+x)/(α+T) times the moment.
        model.ProbabilityOfPurchase(customer, 1e-12).Should().BeApproximately(alive * (model.R + 20_000) / (model.Alpha + 5_000) * 1e-12, 1e-21);
        model.ProbabilityOfPurchase(customer, 1).Should().BeInRange(0.98 * alive, alive);
        Enumerable.Range(0, 100).Sum(k => model.PurchaseCountProbability(customer, 1, k)).Should().BeApproximately(1, 1e-9);
    }

    [Fact]
    public void Chance_of_no_purchase_is_the_published_closed_form()
    {
        // 1 − P(alive) + P(alive)·((α+T)/(α+T+t))^(r+x) (Fader, Hardie & Lee 2005).
        var model = Published(BgNbdParameters.ModelName);
        var customer = new PurchaseHistory(2, 30.43, 38.86);
        var alive = model.ProbabilityAlive(customer);

        var none = 1 - alive + alive * Math.Pow((model.Alpha + 38.86) / (model.Alpha + 38.86 + 39), model.R + 2);

        model.PurchaseCountProbability(customer, 39, 0).Should().BeApproximately(none, 1e-14);
    }

    private static BetaGeometricParameters Published(string name) => name == BgNbdParameters.ModelName
        // Fader, Hardie & Lee (2005) and Batislam et al. (2007) on the CDNOW sample, in weeks.
        ? new BgNbdParameters(0.243, 4.414, 0.793, 2.426)
        : new MbgNbdParameters(0.525, 6.183, 0.891, 1.614);

    private static BetaGeometricPosterior Posterior(BetaGeometricParameters model, PurchaseHistory customer) =>
        new(model.R, model.Alpha, model.A, model.B, model is MbgNbdParameters ? 1 : 0, customer);

    // Σ_k P(X = k) up to the k where it passes 1 − 1e-12 (a wrong PMF that never gets there is summed to k = 5000).
    private static double SumUntilOne(Func<int, double> probability)
    {
        var total = 0.0;
        for (var k = 0; k < 5000 && total < 1 - 1e-12; k++)
        {
            total += probability(k);
        }

        return total;
    }
}
