using System.Text;
using CltvDashboard.Domain.Clv.Numerics;
using CltvDashboard.Domain.Transactions;
using MathNet.Numerics;
using MathNet.Numerics.Integration;

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

    /// <inheritdoc/>
    /// <remarks>
    /// A customer gone by T buys nothing. One alive at T has, given the history, λ ~ Gamma(r+x, α+T) and
    /// μ ~ Gamma(s, β+T) independently, and buys k times either by outliving the period with k purchases (its chance
    /// (β+T)^s/(β+T+t)^s times the negative binomial) or by dying at τ within it after k purchases; the mixture over
    /// λ and μ is taken in closed form and the one over τ numerically (Fader &amp; Hardie 2006, "Deriving the conditional
    /// PMF of the Pareto/NBD model", eq. 14 before its hypergeometric step). k = 0 is 1 − <see cref="ProbabilityOfPurchase"/>.
    /// </remarks>
    public double PurchaseCountProbability(PurchaseHistory customer, double t, int k)
    {
        if (k < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "The number of purchases must be 0 or more.");
        }

        RequireHorizon(t);
        if (k == 0)
        {
            return 1 - ProbabilityOfPurchase(customer, t);
        }

        var (x, recency, age) = Normalize(customer);
        return ProbabilityAlive(Point, x, recency, age) * PurchaseCountIfAlive(x, age, t, k);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The terms of <see cref="PurchaseCountProbability"/> without P(alive), all counts at once: 1 − the chance of buying
    /// if alive for k = 0; for k ≥ 1 the survival term, and the death term's integral over w = τ/(α+T+τ) by one
    /// Gauss–Legendre rule shared by every k. At each node the integrand is the negative binomial's k-th probability,
    /// which the recurrence NB(k) = NB(k−1)·(r+x+k−1)/k·w gives in one multiplication, times a smooth weight, so a
    /// distribution costs nodes × counts multiplications rather than one adaptive integral per count. A heavy buyer whose
    /// recurrence would start below the smallest double takes the integral per count.
    /// </remarks>
    public int PurchaseCountProbabilitiesIfAlive(int frequency, double age, double t, double mass, Span<double> probabilities)
    {
        RequireHorizon(t);
        Normalize(new PurchaseHistory(frequency, 0, age));
        if (probabilities.IsEmpty)
        {
            return 0;
        }

        probabilities[0] = 1 - ChanceIfAlive(frequency, age, t);
        var total = probabilities[0];
        if (total >= mass || probabilities.Length == 1 || t <= 0)
        {
            return 1;
        }

        var shape = R + frequency;
        var alpha = Alpha + age;
        var beta = Beta + age;
        var end = t / (alpha + t);
        var logStart = shape * LogMath.Log1p(-end);
        if (logStart < MinimumLogStart)
        {
            return PurchaseCountsOneByOne(frequency, age, t, mass, probabilities, total);
        }

        var rule = CountRule.Value;
        Span<double> current = stackalloc double[CountRuleNodes];
        Span<double> weights = stackalloc double[CountRuleNodes];
        Span<double> nodes = stackalloc double[CountRuleNodes];
        var death = S * alpha / beta;
        for (var j = 0; j < CountRuleNodes; j++)
        {
            var w = end * rule.Abscissas[j];
            nodes[j] = w;
            current[j] = Math.Exp(shape * LogMath.Log1p(-w));
            weights[j] = end * rule.Weights[j] * death * Math.Exp((S - 1) * LogMath.Log1p(-w) - (S + 1) * LogMath.Log1p((alpha - beta) / beta * w));
        }

        var survive = Math.Exp(logStart - S * LogMath.Log1p(t / beta));
        for (var k = 1; k < probabilities.Length; k++)
        {
            var step = (shape + k - 1) / k;
            survive *= step * end;
            var dying = 0.0;
            for (var j = 0; j < CountRuleNodes; j++)
            {
                current[j] *= step * nodes[j];
                dying += weights[j] * current[j];
            }

            var probability = Math.Clamp(survive + dying, 0, 1);
            probabilities[k] = probability;
            total += probability;
            if (total >= mass)
            {
                return k + 1;
            }
        }

        return probabilities.Length;
    }

    // Nodes of the rule over w: the death term's integrands are a smooth weight times a negative binomial probability,
    // which 64 nodes integrate to 1e-9 and better for the counts of real customers (checked against the adaptive
    // integral per count in the tests).
    private const int CountRuleNodes = 64;

    // (1 − w)^(r+x) below e^−700 leaves the recurrence nothing to multiply.
    private const double MinimumLogStart = -700;

    private static readonly Lazy<GaussLegendreRule> CountRule = new(() => new GaussLegendreRule(0, 1, CountRuleNodes));

    private int PurchaseCountsOneByOne(int frequency, double age, double t, double mass, Span<double> probabilities, double total)
    {
        for (var k = 1; k < probabilities.Length; k++)
        {
            var probability = PurchaseCountIfAlive(frequency, age, t, k);
            probabilities[k] = probability;
            total += probability;
            if (total >= mass)
            {
                return k + 1;
            }
        }

        return probabilities.Length;
    }

    /// <inheritdoc/>
    /// <remarks>P(alive) × <see cref="ProbabilityOfPurchaseIfAlive"/>.</remarks>
    public double ProbabilityOfPurchase(PurchaseHistory customer, double t)
    {
        RequirePeriod(t);
        var (x, recency, age) = Normalize(customer);
        return ProbabilityAlive(Point, x, recency, age) * ChanceIfAlive(x, age, t);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Alive at T, the next purchase comes before death and within t with chance E[λ/(λ+μ)·(1 − e^(−(λ+μ)t))]
    /// = ∫_0^t E[λe^(−λu)] E[e^(−μu)] du = ∫_0^t (r+x)/(α+T)·((α+T)/(α+T+u))^(r+x+1)·((β+T)/(β+T+u))^s du, which the
    /// substitution v = |α−β| / (max(α, β) + T + u) turns into a difference of two Gauss hypergeometric functions
    /// (as in the Pareto/NBD likelihood, Fader &amp; Hardie 2005 eq. 22); Euler's transformation puts each in the form
    /// 2F1(1, b; r+x+s+1; z) with b &lt; r+x+s+1, whose terms shrink from the start for any x.
    /// </remarks>
    public double ProbabilityOfPurchaseIfAlive(int frequency, double age, double t)
    {
        RequirePeriod(t);
        Normalize(new PurchaseHistory(frequency, 0, age));
        return ChanceIfAlive(frequency, age, t);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Newton's method from t = 0 on the chance if alive, whose derivative is the closed-form integrand above; the chance
    /// is concave in t, so each step lands short of the root and the iteration climbs to it without overshooting. Null
    /// when the chance reaches at most its limit as t → ∞, (r+x)/(r+x+s)·H(0).
    /// </remarks>
    public double? TimeToChanceIfAlive(int frequency, double age, double chance)
    {
        Normalize(new PurchaseHistory(frequency, 0, age));
        if (chance <= 0)
        {
            return 0.0;
        }

        var shape = R + frequency;
        var logLimitShare = Math.Log(shape) - Math.Log(shape + S);
        var logStart = LogHypergeometricPart(frequency, age, 0);
        if (!(Math.Exp(logLimitShare + logStart) > chance))
        {
            return null;
        }

        var alpha = Alpha + age;
        var beta = Beta + age;
        var t = 0.0;
        for (var step = 0; step < NewtonSteps; step++)
        {
            var gap = chance - ChanceIfAlive(frequency, age, t, logStart);
            var slope = shape / alpha * Math.Exp(-(shape + 1) * LogMath.Log1p(t / alpha) - S * LogMath.Log1p(t / beta));
            var move = gap / slope;
            if (!double.IsFinite(move))
            {
                break;
            }

            t += Math.Max(move, 0);
            if (move <= NewtonTolerance * t)
            {
                return t;
            }
        }

        return NextPurchase.SolveIncreasing(time => ChanceIfAlive(frequency, age, time), chance, Math.Exp(logLimitShare + logStart));
    }

    private const int NewtonSteps = 100;

    private const double NewtonTolerance = 1e-12;

    private double ChanceIfAlive(int x, double age, double t) =>
        t <= 0 ? 0 : ChanceIfAlive(x, age, t, LogHypergeometricPart(x, age, 0));

    // (r+x)/(r+x+s)·[H(0) − G(t)], G(t) = ((α+T)/(α+T+t))^(r+x)·((β+T)/(β+T+t))^s·H(t), written as
    // −(r+x)/(r+x+s)·H(0)·expm1(ln G(t) − ln H(0)) so that a short period keeps its digits.
    private double ChanceIfAlive(int x, double age, double t, double logStart)
    {
        if (t <= 0)
        {
            return 0;
        }

        var shape = R + x;
        var share = shape / (shape + S);
        if (double.IsPositiveInfinity(t))
        {
            return Math.Clamp(share * Math.Exp(logStart), 0, 1);
        }

        var logDecay = -shape * LogMath.Log1p(t / (Alpha + age)) - S * LogMath.Log1p(t / (Beta + age)) + LogHypergeometricPart(x, age, t) - logStart;
        return Math.Clamp(-share * Math.Exp(logStart) * LogMath.Expm1(logDecay), 0, 1);
    }

    // ln H(t): with α' = α+T ≥ β' = β+T, H = (β'+t)/(α'+t)·2F1(1, r+x+1; r+x+s+1; (α'−β')/(α'+t)); otherwise
    // H = 2F1(1, s; r+x+s+1; (β'−α')/(β'+t)). Both are 1 when α' = β'.
    private double LogHypergeometricPart(int x, double age, double t)
    {
        var alpha = Alpha + age;
        var beta = Beta + age;
        var shape = R + x;
        return alpha >= beta
            ? Math.Log(beta + t) - Math.Log(alpha + t) + Hypergeometric.LogSeries(1, shape + 1, shape + S + 1, (alpha - beta) / (alpha + t))
            : Hypergeometric.LogSeries(1, S, shape + S + 1, (beta - alpha) / (beta + t));
    }

    // P(X = k | alive at T), k ≥ 1: survival to T + t with k purchases, plus death at τ in (0, t] after k purchases,
    // the latter in w = τ/(α'+τ): ∫_0^{t/(α'+t)} NB · s α' β'^s w^k (1−w)^(r'+s−1) (β' + (α'−β')w)^−(s+1) dw, its integrand
    // scaled by its largest value so that nothing underflows for large x.
    private double PurchaseCountIfAlive(int x, double age, double t, int k)
    {
        if (t <= 0)
        {
            return 0;
        }

        var shape = R + x;
        var alpha = Alpha + age;
        var beta = Beta + age;
        var logCoefficient = LogGamma.Ratio(shape, k) - LogGamma.Of(k + 1);
        var end = t / (alpha + t);
        var logSurvive = logCoefficient - S * LogMath.Log1p(t / beta) - shape * LogMath.Log1p(t / alpha) + k * Math.Log(end);

        double LogIntegrand(double w) =>
            k * Math.Log(w) + (shape + S - 1) * LogMath.Log1p(-w) - (S + 1) * Math.Log((beta + (alpha - beta) * w) / beta);
        var mode = Math.Clamp(k / (k + Math.Max(shape + S - 1, 0)), 0, end);
        var reference = Math.Max(LogIntegrand(mode), Math.Max(LogIntegrand(end), LogIntegrand(end / 2)));
        var integral = Integrate.GaussKronrod(w => w <= 0 ? 0 : Math.Exp(LogIntegrand(w) - reference), 0, end, 1e-12, 20, 31);
        var logDie = logCoefficient + Math.Log(S) + Math.Log(alpha / beta) + reference + Math.Log(integral);
        return Math.Clamp(Math.Exp(logSurvive) + Math.Exp(logDie), 0, 1);
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

    private static void RequirePeriod(double t)
    {
        if (double.IsNaN(t) || t < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The period must be 0 or more.");
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
