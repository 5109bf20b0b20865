using System.Text;
using CltvDashboard.Domain.Clv.Numerics;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv.ParetoNbd;

/// <summary>
/// The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987): while alive, a customer makes repeat purchases in a
/// Poisson process with rate λ, and stays alive for an exponential lifetime with rate μ; across customers
/// λ ~ Gamma(shape r, rate α) and μ ~ Gamma(shape s, rate β), independently. Expressions follow Fader &amp; Hardie
/// (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions".
/// </summary>
/// <param name="R">r: shape of the gamma distribution of purchase rates; &gt; 0 and finite.</param>
/// <param name="Alpha">
/// α: rate (inverse scale) of the gamma distribution of purchase rates, in the model's time unit (the mean purchase
/// rate is r/α per time unit); &gt; 0 and finite.
/// </param>
/// <param name="S">s: shape of the gamma distribution of dropout rates; &gt; 0 and finite.</param>
/// <param name="Beta">
/// β: rate (inverse scale) of the gamma distribution of dropout rates, in the model's time unit (the mean dropout
/// rate is s/β per time unit); &gt; 0 and finite.
/// </param>
public sealed record ParetoNbdParameters(double R, double Alpha, double S, double Beta) : IPurchaseCountModel
{
    /// <summary>r: shape of the gamma distribution of purchase rates; &gt; 0.</summary>
    public double R { get; init => field = Require(value, "r"); } = Require(R, "r");

    /// <summary>α: rate of the gamma distribution of purchase rates, in time units; &gt; 0.</summary>
    public double Alpha { get; init => field = Require(value, "alpha"); } = Require(Alpha, "alpha");

    /// <summary>s: shape of the gamma distribution of dropout rates; &gt; 0.</summary>
    public double S { get; init => field = Require(value, "s"); } = Require(S, "s");

    /// <summary>β: rate of the gamma distribution of dropout rates, in time units; &gt; 0.</summary>
    public double Beta { get; init => field = Require(value, "beta"); } = Require(Beta, "beta");

    /// <summary>The model's short name.</summary>
    public const string ModelName = "paretonbd";

    /// <summary>The model's short name, <c>paretonbd</c>.</summary>
    public string Name => ModelName;

    /// <summary>The parameters by their names in the literature: <c>r</c>, <c>alpha</c>, <c>s</c>, <c>beta</c>.</summary>
    public IReadOnlyDictionary<string, double> ParameterValues =>
        new Dictionary<string, double> { ["r"] = R, ["alpha"] = Alpha, ["s"] = S, ["beta"] = Beta };

    private ParetoNbdPoint Point => new(R, Alpha, S, Beta);

    /// <summary>
    /// The log-likelihood of one customer's calibration history (Fader &amp; Hardie 2005, eq. 22), evaluated in log
    /// space so that it stays finite for any valid history, including very frequent buyers.
    /// </summary>
    /// <param name="customer">The customer's x, t_x and T, in this model's time unit.</param>
    /// <returns>log L(r, α, s, β | x, t_x, T); 0 or less.</returns>
    /// <exception cref="ArgumentException">The history is invalid (see <see cref="PurchaseHistory.Validate"/>).</exception>
    public double LogLikelihood(PurchaseHistory customer)
    {
        var (x, recency, age) = Normalize(customer);
        return ParetoNbdLikelihood.LogLikelihood(Point, x, recency, age, out _);
    }

    /// <summary>
    /// P(alive | x, t_x, T) (Fader &amp; Hardie 2005, eq. 18): the probability that the customer has not dropped out by T,
    /// the first term of the likelihood's bracket divided by the whole bracket.
    /// </summary>
    /// <param name="customer">The customer's x, t_x and T, in this model's time unit.</param>
    /// <returns>A probability in [0, 1]; 1 when the last purchase was at T.</returns>
    /// <exception cref="ArgumentException">The history is invalid (see <see cref="PurchaseHistory.Validate"/>).</exception>
    public double ProbabilityAlive(PurchaseHistory customer)
    {
        var (x, recency, age) = Normalize(customer);
        return ProbabilityAlive(Point, x, recency, age);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] (Fader &amp; Hardie 2005, eq. 25): the expected number of purchases in (T, T + t],
    /// P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)], with the s → 1 limit
    /// (r+x)(β+T)/(α+T) · ln(1 + t/(β+T)) taken smoothly.
    /// </summary>
    /// <param name="customer">The customer's x, t_x and T, in this model's time unit.</param>
    /// <param name="t">Length of the forecast period, in this model's time unit; finite and ≥ 0.</param>
    /// <returns>Expected purchases, ≥ 0.</returns>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or not finite.</exception>
    public double ExpectedPurchases(PurchaseHistory customer, double t)
    {
        RequireHorizon(t);
        var (x, recency, age) = Normalize(customer);
        return ProbabilityAlive(Point, x, recency, age) * IfAlive(x, age, t);
    }

    /// <inheritdoc/>
    public double ExpectedPurchasesIfAlive(int frequency, double age, double t)
    {
        RequireHorizon(t);
        Normalize(new PurchaseHistory(frequency, 0, age));
        return IfAlive(frequency, age, t);
    }

    // (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)]: the posterior mean purchase rate times the expected
    // remaining lifetime within the horizon.
    private double IfAlive(int x, double age, double t)
    {
        var betaT = Beta + age;
        return (R + x) / (Alpha + age) * betaT * ExponentIntegral(S - 1, LogMath.Log1p(t / betaT));
    }

    /// <summary>
    /// E[X(t)] (Schmittlein, Morrison &amp; Colombo 1987; Fader &amp; Hardie 2005, eq. 17): expected repeat purchases in
    /// (0, t] of a customer acquired at time 0, r β / (α (s−1)) · [1 − (β/(β+t))^(s−1)], with the s → 1 limit
    /// r β / α · ln(1 + t/β) taken smoothly.
    /// </summary>
    /// <param name="t">Length of the period, in this model's time unit; finite and ≥ 0.</param>
    /// <returns>Expected repeat purchases, ≥ 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or not finite.</exception>
    public double ExpectedPurchasesNewCustomer(double t)
    {
        RequireHorizon(t);
        return R / Alpha * Beta * ExponentIntegral(S - 1, LogMath.Log1p(t / Beta));
    }

    internal static double ProbabilityAlive(in ParetoNbdPoint point, int x, double recency, double age)
    {
        var logBracket = ParetoNbdLikelihood.LogBracket(
            point,
            x,
            recency,
            age,
            Math.Log(point.Alpha + recency),
            Math.Log(point.Beta + recency),
            Math.Log(point.Alpha + age),
            Math.Log(point.Beta + age),
            out _,
            out var logAliveTerm);
        return Math.Clamp(Math.Exp(logAliveTerm - logBracket), 0, 1);
    }

    // ∫_0^length e^(−exponent·u) du = [1 − e^(−exponent·length)] / exponent; expm1 keeps it exact as the exponent → 0,
    // which is the model's s → 1 limit.
    private static double ExponentIntegral(double exponent, double length) =>
        exponent == 0 ? length : -LogMath.Expm1(-exponent * length) / exponent;

    private static (int Frequency, double Recency, double T) Normalize(PurchaseHistory customer)
    {
        customer.Validate();

        // As in the fitting tables: a one-time buyer's recency is 0 by definition, and rounding may put t_x a hair above T.
        var recency = customer.Frequency == 0 ? 0 : Math.Min(customer.Recency, customer.T);
        return (customer.Frequency, recency, customer.T);
    }

    private static void RequireHorizon(double t)
    {
        if (!double.IsFinite(t) || t < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The forecast horizon must be finite and 0 or more.");
        }
    }

    private static double Require(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"The Pareto/NBD parameter {name} must be finite and greater than 0.");
        }

        return value;
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"r = {R}, alpha = {Alpha}, s = {S}, beta = {Beta}");
        return true;
    }
}
