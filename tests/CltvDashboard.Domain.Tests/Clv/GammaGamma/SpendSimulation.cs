using CltvDashboard.Domain.Clv.GammaGamma;
using MathNet.Numerics.Distributions;

namespace CltvDashboard.Domain.Tests.Clv.GammaGamma;

/// <summary>Customers drawn from the Gamma-Gamma model itself, so a fit on them should find the parameters they came from.</summary>
public static class SpendSimulation
{
    /// <summary>
    /// <paramref name="customers"/> customers, a share <paramref name="repeatShare"/> of them with x ≥ 1 repeat purchases
    /// (x − 1 geometric with mean 2, independent of spend); for each, ν ~ Gamma(shape q, rate γ), each repeat
    /// transaction ~ Gamma(shape p, rate ν), and m̄ the mean of the x transactions. The others are one-time buyers.
    /// </summary>
    public static SpendHistory[] Draw(GammaGammaParameters parameters, int customers, double repeatShare, int seed)
    {
        var random = new Random(seed);
        var result = new SpendHistory[customers];
        for (var i = 0; i < customers; i++)
        {
            if (random.NextDouble() >= repeatShare)
            {
                result[i] = new SpendHistory(0, 0);
                continue;
            }

            var frequency = 1 + (int)Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(2.0 / 3.0));
            var rate = Gamma.Sample(random, parameters.Q, parameters.Gamma);
            var total = 0.0;
            for (var j = 0; j < frequency; j++)
            {
                total += Gamma.Sample(random, parameters.P, rate);
            }

            result[i] = new SpendHistory(frequency, total / frequency);
        }

        return result;
    }
}
