using CltvDashboard.Domain.Clv.ParetoNbd;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;
using MathNet.Numerics;

namespace CltvDashboard.Domain.Tests.Clv.ParetoNbd;

public class ParetoNbdPurchaseCountTests
{
    // Fader & Hardie (2005) on the CDNOW sample, in weeks.
    private static readonly ParetoNbdParameters Published = new(0.553, 10.578, 0.606, 11.669);

    // 90 days and the CDNOW holdout of 39 weeks, in weeks.
    private static readonly double[] Periods = [90 / 7.0, 39];

    public static TheoryData<ParetoNbdParameters> Models =>
    [
        Published,
        // α far above β and far below it: both of the hypergeometric forms, the first with z near 1.
        new(0.553, 300, 0.606, 2),
        new(2.5, 3, 0.3, 400),
    ];

    [Theory]
    [MemberData(nameof(Models))]
    public void Purchase_count_probabilities_equal_integration_over_the_posterior(ParetoNbdParameters model)
    {
        foreach (var customer in CdnowCustomers.Spread())
        {
            var posterior = new ParetoNbdPosterior(model.R, model.Alpha, model.S, model.Beta, customer);
            foreach (var t in Periods)
            {
                for (var k = 0; k <= 5; k++)
                {
                    var count = k;
                    var expected = posterior.Expectation((rate, dropout) => ParetoNbdPosterior.CountIfAlive(rate, dropout, t, count), ifDead: k == 0 ? 1 : 0);

                    model.PurchaseCountProbability(customer, t, k).Should().BeApproximately(expected, 1e-6, $"{customer}, t = {t}, k = {k}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Chance_of_buying_again_equals_integration_over_the_posterior(ParetoNbdParameters model)
    {
        foreach (var customer in CdnowCustomers.Spread())
        {
            var posterior = new ParetoNbdPosterior(model.R, model.Alpha, model.S, model.Beta, customer);
            foreach (var t in Periods)
            {
                // Alive at T, the next purchase comes first of purchase and death, and within t.
                var expected = posterior.Expectation(
                    (rate, dropout) => rate / (rate + dropout) * -SpecialFunctions.Expm1(-(rate + dropout) * t), ifDead: 0);

                model.ProbabilityOfPurchase(customer, t).Should().BeApproximately(expected, 1e-6, $"{customer}, t = {t}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Chance_of_buying_again_tends_to_the_chance_of_buying_before_dropping_out(ParetoNbdParameters model)
    {
        foreach (var customer in CdnowCustomers.Spread())
        {
            var posterior = new ParetoNbdPosterior(model.R, model.Alpha, model.S, model.Beta, customer);
            var limit = posterior.Expectation((rate, dropout) => rate / (rate + dropout), ifDead: 0);
            var chances = new[] { 0, 1, 4, 13, 52, 520, 5200, 1e30 }.Select(t => model.ProbabilityOfPurchase(customer, t)).ToArray();

            model.ProbabilityOfPurchase(customer, double.PositiveInfinity).Should().BeApproximately(limit, 1e-6, customer.ToString());
            chances[0].Should().Be(0);
            chances.Should().BeInAscendingOrder();
            chances[^1].Should().BeApproximately(limit, 1e-6);
            limit.Should().BeLessThan(model.ProbabilityAlive(customer));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Purchase_count_probabilities_sum_to_one(ParetoNbdParameters model)
    {
        foreach (var customer in CdnowCustomers.Spread().Append(new PurchaseHistory(300, 77.5, 78)))
        {
            var total = SumUntilOne(k => model.PurchaseCountProbability(customer, 39, k));

            total.Should().BeApproximately(1, 1e-8, customer.ToString());
        }
    }

    [Fact]
    public void Chance_of_buying_again_of_a_heavy_long_standing_buyer_is_finite_and_keeps_its_digits()
    {
        var customer = new PurchaseHistory(20_000, 4_999, 5_000);
        var alive = Published.ProbabilityAlive(customer);

        // Over a moment, the chance is the posterior purchase rate (r+x)/(α+T) times the moment.
        Published.ProbabilityOfPurchase(customer, 1e-12).Should().BeApproximately(alive * (Published.R + 20_000) / (Published.Alpha + 5_000) * 1e-12, 1e-21);
        Published.ProbabilityOfPurchase(customer, 1).Should().BeInRange(0.98 * alive, alive);
        Enumerable.Range(0, 100).Sum(k => Published.PurchaseCountProbability(customer, 1, k)).Should().BeApproximately(1, 1e-8);
    }

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
