using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.BgNbd;

namespace CltvDashboard.Domain.Tests.Clv.BgNbd;

/// <summary>With a + b &lt; 1 a one-time buyer's hypergeometric series has a negative c; the forecasts stay right there.</summary>
public class BetaGeometricSmallConcentrationTests
{
    [Theory]
    [InlineData(0.164, 0.759, 33.86, 39)]
    [InlineData(0.3, 0.5, 10, 52)]
    [InlineData(0.05, 0.2, 70, 4)]
    public void Expected_purchases_of_a_one_time_buyer_are_the_mean_of_the_purchase_count_distribution(double a, double b, double age, double t)
    {
        IPurchaseCountModel model = new BgNbdParameters(0.279, 5.41, a, b);
        var probabilities = new double[100_000];

        var written = model.PurchaseCountProbabilitiesIfAlive(0, age, t, 1 - 1e-13, probabilities);
        var mean = probabilities.Take(written).Select((p, k) => p * k).Sum();

        model.ExpectedPurchasesIfAlive(0, age, t).Should().BeApproximately(mean, 1e-7);
    }
}
