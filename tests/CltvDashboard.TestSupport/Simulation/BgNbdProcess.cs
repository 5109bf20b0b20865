using MathNet.Numerics.Distributions;

namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// The BG/NBD process of Fader, Hardie &amp; Lee (2005), "Counting Your Customers the Easy Way": while active, a
/// customer buys as a Poisson process with rate λ ~ Gamma(shape r, rate α); after each repeat purchase the
/// customer becomes inactive with probability p ~ Beta(a, b). The first purchase (time 0) is not followed by a
/// dropout chance: every customer is active just after acquisition, so P(X(t) = 0) = (α / (α + t))^r.
/// </summary>
/// <param name="R">r: shape of the Gamma distribution of purchase rates; positive.</param>
/// <param name="Alpha">α: rate (inverse scale) of that Gamma distribution, in the caller's time unit; positive.</param>
/// <param name="A">a: first shape of the Beta distribution of dropout probabilities; positive.</param>
/// <param name="B">b: second shape of the Beta distribution of dropout probabilities; positive.</param>
public sealed record BgNbdProcess(double R, double Alpha, double A, double B) : PurchaseProcess
{
    /// <inheritdoc />
    public override string Name => "bgnbd";

    /// <inheritdoc />
    public override void Validate()
    {
        ParameterChecks.RequirePositive(R, "BG/NBD", "r");
        ParameterChecks.RequirePositive(Alpha, "BG/NBD", "alpha");
        ParameterChecks.RequirePositive(A, "BG/NBD", "a");
        ParameterChecks.RequirePositive(B, "BG/NBD", "b");
    }

    internal override double Simulate(Random random, double end, PurchaseRecorder purchases, out double purchaseRate)
    {
        purchaseRate = Gamma.Sample(random, R, Alpha);
        var dropoutProbability = Beta.Sample(random, A, B);
        return RepeatPurchasesUntilDropout(random, end, purchases, purchaseRate, dropoutProbability);
    }
}
