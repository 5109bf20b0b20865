using MathNet.Numerics.Distributions;

namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// The Pareto/NBD process of Schmittlein, Morrison &amp; Colombo (1987): a customer buys as a Poisson process with
/// rate λ ~ Gamma(shape r, rate α) during an exponential lifetime with rate μ ~ Gamma(shape s, rate β), which
/// starts at the first purchase (time 0).
/// </summary>
/// <param name="R">r: shape of the Gamma distribution of purchase rates; positive.</param>
/// <param name="Alpha">α: rate (inverse scale) of that Gamma distribution, in the caller's time unit; positive.</param>
/// <param name="S">s: shape of the Gamma distribution of dropout rates; positive.</param>
/// <param name="Beta">β: rate (inverse scale) of that Gamma distribution, in the caller's time unit; positive.</param>
public sealed record ParetoNbdProcess(double R, double Alpha, double S, double Beta) : PurchaseProcess
{
    /// <inheritdoc />
    public override string Name => "paretonbd";

    /// <inheritdoc />
    public override void Validate()
    {
        ParameterChecks.RequirePositive(R, "Pareto/NBD", "r");
        ParameterChecks.RequirePositive(Alpha, "Pareto/NBD", "alpha");
        ParameterChecks.RequirePositive(S, "Pareto/NBD", "s");
        ParameterChecks.RequirePositive(Beta, "Pareto/NBD", "beta");
    }

    internal override double Simulate(Random random, double end, PurchaseRecorder purchases, out double purchaseRate)
    {
        purchaseRate = Gamma.Sample(random, R, Alpha);
        var dropoutRate = Gamma.Sample(random, S, Beta);
        var lifetime = ExponentialWait(random, dropoutRate);
        var activeUntil = Math.Min(lifetime, end);

        var time = 0.0;
        while (true)
        {
            time += ExponentialWait(random, purchaseRate);
            if (!(time <= activeUntil))
            {
                break;
            }

            purchases.Add(time);
        }

        return lifetime <= end ? lifetime : double.PositiveInfinity;
    }
}
