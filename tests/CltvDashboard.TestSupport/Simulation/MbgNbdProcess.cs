using MathNet.Numerics.Distributions;

namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// The MBG/NBD process of Batislam, Denizel &amp; Filiztekin (2007): the BG/NBD process in which the customer may
/// also become inactive right after the first purchase at time 0, with the same probability p. A share
/// a / (a + b) of customers is therefore expected never to buy again.
/// </summary>
/// <param name="R">r: shape of the Gamma distribution of purchase rates; positive.</param>
/// <param name="Alpha">α: rate (inverse scale) of that Gamma distribution, in the caller's time unit; positive.</param>
/// <param name="A">a: first shape of the Beta distribution of dropout probabilities; positive.</param>
/// <param name="B">b: second shape of the Beta distribution of dropout probabilities; positive.</param>
public sealed record MbgNbdProcess(double R, double Alpha, double A, double B) : PurchaseProcess
{
    /// <inheritdoc />
    public override string Name => "mbgnbd";

    /// <inheritdoc />
    public override void Validate()
    {
        ParameterChecks.RequirePositive(R, "MBG/NBD", "r");
        ParameterChecks.RequirePositive(Alpha, "MBG/NBD", "alpha");
        ParameterChecks.RequirePositive(A, "MBG/NBD", "a");
        ParameterChecks.RequirePositive(B, "MBG/NBD", "b");
    }

    internal override double Simulate(Random random, double end, PurchaseRecorder purchases, out double purchaseRate)
    {
        purchaseRate = Gamma.Sample(random, R, Alpha);
        var dropoutProbability = Beta.Sample(random, A, B);
        if (random.NextDouble() < dropoutProbability)
        {
            return 0.0;
        }

        return RepeatPurchasesUntilDropout(random, end, purchases, purchaseRate, dropoutProbability);
    }
}
