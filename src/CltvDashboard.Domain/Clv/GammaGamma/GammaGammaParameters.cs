using MathNet.Numerics;

namespace CltvDashboard.Domain.Clv.GammaGamma;

/// <summary>
/// The Gamma-Gamma model of monetary value (Colombo &amp; Jiang 1999; Fader, Hardie &amp; Lee 2005, "RFM and CLV:
/// Using Iso-Value Curves for Customer Base Analysis", JMR 42(4); Fader &amp; Hardie 2013, "The Gamma-Gamma Model
/// of Monetary Value"). Each transaction of a customer is worth Z ~ Gamma(shape p, rate ν); ν varies across
/// customers as Gamma(shape q, rate γ). A customer's mean transaction value is p/ν, the population's p·γ/(q − 1).
/// </summary>
/// <param name="P">p: shape of the transaction values around a customer's own mean; finite and &gt; 0.</param>
/// <param name="Q">q: shape of ν across customers; finite and &gt; 0. The mean spend is finite only when q &gt; 1.</param>
/// <param name="Gamma">γ: rate of ν across customers, in the currency of the monetary values; finite and &gt; 0.</param>
/// <remarks>
/// When q ≤ 1 the spread of customers' means has so heavy a right tail that the population mean spend is
/// infinite: <see cref="HasFiniteMean"/> is false, <see cref="PopulationMeanValue"/> throws, and so does
/// <see cref="ConditionalExpectedAverageValue"/> for a customer whose own purchases do not make the posterior
/// mean finite (p·x + q ≤ 1, which includes every one-time buyer). Such an estimate is a reason to distrust the
/// spend data (outliers, mixed currencies), not a value to carry into a CLV.
/// </remarks>
public sealed record GammaGammaParameters(double P, double Q, double Gamma)
{
    /// <summary>The spend model's short name, stored with its fit next to the purchase-count models'.</summary>
    public const string ModelName = "gammagamma";

    /// <summary>The spend model's name shown to people.</summary>
    public const string DisplayName = "Gamma-Gamma (order value)";

    /// <summary>p: shape of a customer's transaction values around the customer's own mean.</summary>
    public double P { get; } = Positive(P, nameof(P));

    /// <summary>q: shape of the distribution of ν across customers.</summary>
    public double Q { get; } = Positive(Q, nameof(Q));

    /// <summary>γ: rate of the distribution of ν across customers, in the currency of the monetary values.</summary>
    public double Gamma { get; } = Positive(Gamma, nameof(Gamma));

    /// <summary>Whether the population mean spend p·γ/(q − 1) is finite, that is q &gt; 1.</summary>
    public bool HasFiniteMean => Q > 1;

    /// <summary>
    /// E[Z] = p·γ/(q − 1): the mean transaction value across the population, in the currency of the data; what the
    /// model expects of a customer with no repeat purchase yet.
    /// </summary>
    /// <exception cref="InvalidOperationException">q ≤ 1, so the mean is infinite (see <see cref="HasFiniteMean"/>).</exception>
    public double PopulationMeanValue
    {
        get
        {
            if (!HasFiniteMean)
            {
                throw new InvalidOperationException(
                    $"The spend model has q = {Q:G4} ≤ 1, so its population mean transaction value is infinite; refit on cleaner spend data before valuing customers.");
            }

            return P * Gamma / (Q - 1);
        }
    }

    /// <summary>
    /// E[Z | x, m̄] = p·(γ + x·m̄)/(p·x + q − 1): the expected value of this customer's future transactions
    /// (Fader, Hardie &amp; Lee 2005). It is a weighted mean of the population mean and the customer's own
    /// mean m̄, leaning on m̄ the more repeat purchases back it; for x = 0 it is <see cref="PopulationMeanValue"/>.
    /// </summary>
    /// <param name="frequency">x: the customer's repeat purchase occasions; 0 or more.</param>
    /// <param name="monetaryValue">
    /// m̄: the mean value of those x repeat occasions, in the currency of the fit; finite and ≥ 0. Ignored when x = 0.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">x &lt; 0, or x &gt; 0 and m̄ is negative or not finite.</exception>
    /// <exception cref="InvalidOperationException">p·x + q ≤ 1: the posterior mean is infinite (possible only when q ≤ 1).</exception>
    public double ConditionalExpectedAverageValue(int frequency, double monetaryValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        if (frequency == 0)
        {
            return PopulationMeanValue;
        }

        if (!double.IsFinite(monetaryValue) || monetaryValue < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(monetaryValue), monetaryValue, "The mean repeat-purchase value must be finite and 0 or more.");
        }

        var denominator = P * frequency + Q - 1;
        if (!(denominator > 0))
        {
            throw new InvalidOperationException(
                $"The spend model has q = {Q:G4}, so a customer with x = {frequency} repeat purchases has an infinite expected transaction value (p·x + q ≤ 1).");
        }

        return P * (Gamma + frequency * monetaryValue) / denominator;
    }

    /// <summary>
    /// The log-density of one customer's mean repeat-transaction value m̄ given x (Fader &amp; Hardie 2013):
    /// lnΓ(px + q) − lnΓ(px) − lnΓ(q) + q ln γ + (px − 1) ln m̄ + px ln x − (px + q) ln(γ + x·m̄).
    /// </summary>
    /// <param name="frequency">x: repeat purchase occasions; 1 or more (one-time buyers carry no spend information).</param>
    /// <param name="monetaryValue">m̄: mean value of the x repeat occasions; finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">x &lt; 1, or m̄ not finite and positive.</exception>
    public double LogLikelihood(int frequency, double monetaryValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frequency, 1);
        if (!double.IsFinite(monetaryValue) || !(monetaryValue > 0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(monetaryValue), monetaryValue, "The mean repeat-purchase value must be finite and positive.");
        }

        var x = (double)frequency;
        var px = P * x;
        return SpecialFunctions.GammaLn(px + Q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(Q)
            + Q * Math.Log(Gamma) + (px - 1) * Math.Log(monetaryValue) + px * Math.Log(x)
            - (px + Q) * Math.Log(Gamma + x * monetaryValue);
    }

    private static double Positive(double value, string name)
    {
        if (!double.IsFinite(value) || !(value > 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"The Gamma-Gamma parameter {name} must be finite and positive.");
        }

        return value;
    }
}
