using GammaDistribution = MathNet.Numerics.Distributions.Gamma;

namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// The Gamma-Gamma spend process of Colombo &amp; Jiang (1999) as used by Fader, Hardie &amp; Lee (2005),
/// "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis": each customer draws a scale
/// ν ~ Gamma(shape q, rate γ), and each of the customer's transactions is worth z ~ Gamma(shape p, rate ν),
/// independently of the purchase process. The mean value of a transaction is p·γ / (q − 1) when q &gt; 1.
/// </summary>
/// <param name="P">p: shape of each transaction's value distribution; positive.</param>
/// <param name="Q">q: shape of the Gamma distribution of customers' scales ν; positive.</param>
/// <param name="Gamma">γ: rate of the Gamma distribution of ν, in the inverse of the currency unit; positive.</param>
public sealed record GammaGammaSpend(double P, double Q, double Gamma)
{
    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first parameter that is not positive and finite.</summary>
    public void Validate()
    {
        ParameterChecks.RequirePositive(P, "Gamma-Gamma", "p");
        ParameterChecks.RequirePositive(Q, "Gamma-Gamma", "q");
        ParameterChecks.RequirePositive(Gamma, "Gamma-Gamma", "gamma");
    }

    internal double DrawScale(Random random) => GammaDistribution.Sample(random, Q, Gamma);

    internal double DrawAmount(Random random, double scale) => GammaDistribution.Sample(random, P, scale);
}
