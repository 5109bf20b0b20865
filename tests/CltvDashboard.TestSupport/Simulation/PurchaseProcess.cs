namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// A buy-till-you-die process with known parameters from which customer bases are simulated: the
/// heterogeneity of purchase rates and of dropout, and the rule by which customers become inactive.
/// Parameters are in the caller's time unit (weeks for the published CDNOW estimates).
/// </summary>
/// <remarks>
/// The set of processes is closed (<see cref="BgNbdProcess"/>, <see cref="MbgNbdProcess"/>,
/// <see cref="ParetoNbdProcess"/>): each must draw exactly the process whose likelihood its fitter maximises,
/// so a new one comes with its own moment tests rather than from outside the library.
/// </remarks>
public abstract record PurchaseProcess
{
    private protected PurchaseProcess()
    {
    }

    /// <summary>The model's short name: <c>bgnbd</c>, <c>mbgnbd</c> or <c>paretonbd</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first parameter that is not positive and finite.</summary>
    public abstract void Validate();

    /// <summary>
    /// Draws one customer's latent traits and repeat purchases in (0, <paramref name="end"/>], the first purchase
    /// being at time 0, and returns the time at which the customer became inactive, or +∞ when still active at
    /// <paramref name="end"/>.
    /// </summary>
    internal abstract double Simulate(Random random, double end, PurchaseRecorder purchases, out double purchaseRate);

    // Inversion of the exponential distribution function; 1 − U lies in (0, 1], so the logarithm is finite, and
    // a rate that underflowed to 0 gives +∞ (never buys again) rather than NaN.
    private protected static double ExponentialWait(Random random, double rate) =>
        rate > 0 ? -Math.Log(1.0 - random.NextDouble()) / rate : double.PositiveInfinity;

    // The geometric dropout of the BG/NBD family: each repeat purchase is followed by a coin flip with
    // probability p of becoming inactive at that instant (Fader, Hardie & Lee 2005, assumption iii).
    private protected static double RepeatPurchasesUntilDropout(
        Random random, double end, PurchaseRecorder purchases, double purchaseRate, double dropoutProbability)
    {
        var time = 0.0;
        while (true)
        {
            time += ExponentialWait(random, purchaseRate);
            if (!(time <= end))
            {
                return double.PositiveInfinity;
            }

            purchases.Add(time);
            if (random.NextDouble() < dropoutProbability)
            {
                return time;
            }
        }
    }
}
