using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Clv.ParetoNbd;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Clv;

/// <summary>The bulk P(k | active) the ranges use agrees with each model's own P(X = k | history).</summary>
public class PurchaseCountProbabilitiesIfAliveTests
{
    public static TheoryData<string, int, double, double> Cases()
    {
        var data = new TheoryData<string, int, double, double>();
        foreach (var model in new[] { "bgnbd", "mbgnbd", "paretonbd", "bgnbd-point-mass" })
        {
            data.Add(model, 0, 30, 39);
            data.Add(model, 2, 30, 39);
            data.Add(model, 14, 70, 4);
            data.Add(model, 60, 75, 52);
        }

        // Pareto/NBD shares one quadrature rule over every count: a new customer over two and ten years (the rule's interval
        // reaching far towards w = 1), a heavy buyer, and a very heavy one whose counts run into the hundreds.
        data.Add("paretonbd", 0, 1, 104);
        data.Add("paretonbd", 1, 3, 520);
        data.Add("paretonbd", 200, 78, 52);
        data.Add("paretonbd-long-lived", 5, 20, 156);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_probability_is_the_models_own_for_a_customer_active_at_T(string model, int x, double age, double t)
    {
        var counts = Model(model);
        var lastAtAge = new PurchaseHistory(x, x == 0 ? 0 : age, age);
        var alive = counts.ProbabilityAlive(lastAtAge);
        var probabilities = new double[2_000];

        var written = counts.PurchaseCountProbabilitiesIfAlive(x, age, t, 1 - 1e-9, probabilities);

        written.Should().BeLessThan(probabilities.Length);
        probabilities.Take(written).Sum().Should().BeApproximately(1, 1e-8);
        probabilities[0].Should().BeApproximately(1 - counts.ProbabilityOfPurchaseIfAlive(x, age, t), 1e-12);
        for (var k = 1; k < written; k++)
        {
            var expected = counts.PurchaseCountProbability(lastAtAge, t, k) / alive;
            probabilities[k].Should().BeApproximately(expected, 1e-9 + 1e-7 * expected, $"k = {k}");
        }
    }

    [Fact]
    public void Stops_as_soon_as_the_probabilities_reach_the_mass_asked_for()
    {
        var model = Model("bgnbd");
        var probabilities = new double[100];

        var written = model.PurchaseCountProbabilitiesIfAlive(3, 40, 26, 0.9, probabilities);

        probabilities.Take(written).Sum().Should().BeGreaterThanOrEqualTo(0.9);
        probabilities.Take(written - 1).Sum().Should().BeLessThan(0.9);
    }

    private static IPurchaseCountModel Model(string name) => name switch
    {
        "bgnbd" => new BgNbdParameters(0.243, 4.414, 0.793, 2.426),
        "mbgnbd" => new MbgNbdParameters(0.525, 6.183, 0.891, 1.614),
        "paretonbd" => new ParetoNbdParameters(0.553, 10.58, 0.606, 11.67),
        "paretonbd-long-lived" => new ParetoNbdParameters(2.5, 4, 3.5, 400),
        _ => new BgNbdParameters(0.8, 5, 0.3 * 2e6, 0.7 * 2e6),
    };
}
