using CltvDashboard.Domain.Clv.Numerics;
using CltvDashboard.Domain.Transactions;
using MathNet.Numerics;

namespace CltvDashboard.Domain.Clv.BgNbd;

/// <summary>
/// The mathematics shared by the BG/NBD (Fader, Hardie &amp; Lee 2005) and the MBG/NBD (Batislam, Denizel &amp;
/// Filiztekin 2007). Both let a customer buy at a Poisson rate λ ~ Gamma(r, α) and drop out with probability
/// p ~ Beta(a, b) after a purchase; the MBG/NBD also allows dropout right after the first purchase. With
/// <c>shift</c> = 0 (BG/NBD) or 1 (MBG/NBD), every formula below is the same up to b + x → b + x + shift.
/// </summary>
internal readonly struct BetaGeometricNbd
{
    // Below this distance from a = 1 the conditional expectation's (a − 1) denominator and its bracket both
    // vanish; the function is continuous there, so it is evaluated just beside the removable singularity.
    private const double NearOne = 1e-7;

    private readonly double _r;
    private readonly double _alpha;
    private readonly double _a;
    private readonly double _b;
    private readonly int _shift;

    public BetaGeometricNbd(double r, double alpha, double a, double b, int shift)
    {
        _r = r;
        _alpha = alpha;
        _a = a;
        _b = b;
        _shift = shift;
    }

    // Beyond this concentration the Beta is its point mass for every practical purpose, and the limit's closed forms
    // keep the digits that ln Γ(a + b) − ln Γ(b) loses when a + b runs to 1e7 and beyond.
    private bool IsPointMass => _a + _b > BetaGeometricLimits.PointMassConcentration;

    private double DropoutProbability => _a / (_a + _b);

    /// <summary>
    /// ln L(r, α, a, b | x, t_x, T) = ln[B(a, b+x+s)/B(a,b)] + ln[Γ(r+x)α^r/Γ(r)] + ln[(α+T)^−(r+x) + dead term], the
    /// sum taken by log-sum-exp so that neither (α+T)^(r+x) nor Γ(r+x) is ever formed.
    /// </summary>
    public double LogLikelihood(PurchaseHistory customer)
    {
        var (x, tx, age) = customer;
        if (IsPointMass)
        {
            return BetaGeometricLimits.LogLikelihood(_r, _alpha, DropoutProbability, _shift, x, tx, age);
        }

        var alive = -(_r + x) * Math.Log(_alpha + age);
        var total = SpecialFunctions.GammaLn(_r + x) - SpecialFunctions.GammaLn(_r) + _r * Math.Log(_alpha)
            + SpecialFunctions.GammaLn(_a + _b) - SpecialFunctions.GammaLn(_b)
            + SpecialFunctions.GammaLn(_b + x + _shift) - SpecialFunctions.GammaLn(_a + _b + x + _shift);
        if (x + _shift == 0)
        {
            return total + alive;
        }

        var dead = Math.Log(_a) - Math.Log(_b + x + _shift - 1) - (_r + x) * Math.Log(_alpha + tx);
        return total + LogMath.LogAddExp(alive, dead);
    }

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + a/(b+x+s−1) · ((α+T)/(α+t_x))^(r+x)), taken through its logit.</summary>
    public double ProbabilityAlive(PurchaseHistory customer)
    {
        var (x, tx, age) = customer;
        if (x + _shift == 0)
        {
            return 1.0;
        }

        var logOdds = Math.Log(_a) - Math.Log(_b + x + _shift - 1) + (_r + x) * (Math.Log(_alpha + age) - Math.Log(_alpha + tx));
        return LogMath.Logistic(-logOdds);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] (FHL 2005 eq. 10; Batislam et al. 2007 eq. 9). The hypergeometric term
    /// ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x+s; a+b+x+s−1; z) overflows for large x when taken literally; Euler's
    /// transformation turns it into (1−z)^(a−1) · 2F1(a+b+s−1−r, a−1; a+b+x+s−1; z), whose terms stay small.
    /// </summary>
    public double ExpectedPurchases(PurchaseHistory customer, double t) =>
        ExpectedPurchasesIfAlive(customer.Frequency, customer.T, t) * ProbabilityAlive(customer);

    /// <summary>The factor of <see cref="ExpectedPurchases"/> that does not depend on t_x: (a+b+x+s−1)/(a−1) · [1 − (1−z)^(a−1)·F].</summary>
    public double ExpectedPurchasesIfAlive(int x, double age, double t)
    {
        if (t <= 0)
        {
            return 0.0;
        }

        if (IsPointMass)
        {
            return BetaGeometricLimits.ExpectedPurchasesIfAlive(_r, _alpha, DropoutProbability, x, age, t);
        }

        var a = Math.Abs(_a - 1) < NearOne ? 1 + NearOne : _a;
        var c = a + _b + x + _shift - 1;
        var z = t / (_alpha + age + t);
        var logOneMinusZ = Math.Log(_alpha + age) - Math.Log(_alpha + age + t);

        // A customer without repeat purchases of a BG/NBD with a + b < 1 has c < 0: the series may then sum to a negative
        // number, which has no logarithm, so it is taken as it is (c = 0 is a removable singularity, stepped beside).
        if (c < NearOne)
        {
            c = Math.Abs(c) < NearOne ? -NearOne : c;
            var literal = Math.Exp((_r + x) * logOneMinusZ) * Hypergeometric.Series(_r + x, c + 1 - a, c, z);
            return Math.Max(c / (a - 1) * (1 - literal), 0.0);
        }

        // The series' terms grow like (1−z)^−(exponent) before they shrink: of the literal form (exponent r + x) and
        // Euler's (exponent a − 1), the one with the smaller exponent keeps them in range; a large a is a
        // concentrated Beta, where Euler's form would overflow and give no purchases at all.
        var logSeries = a - 1 > _r + x
            ? (_r + x) * logOneMinusZ + Hypergeometric.LogSeries(_r + x, _b + x + _shift, c, z)
            : (a - 1) * logOneMinusZ + Hypergeometric.LogSeries(a + _b + _shift - 1 - _r, a - 1, c, z);

        // 1 − (1−z)^(…)·F, without cancellation when the exponent is near 0 (short horizons).
        var bracket = -LogMath.Expm1(logSeries);
        return Math.Max(c / (a - 1) * bracket, 0.0);
    }

    /// <summary>
    /// P(Y(t) = n | x, t_x, T): the probability of exactly n purchases in (T, T + t]. A customer gone by T buys nothing;
    /// one alive at T buys n times either by making n purchases and surviving each, or by dropping out right after the
    /// n-th, mixed over the posterior of (λ, p) given alive at T, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x+s). For a new
    /// customer (x = t_x = T = 0) it is FHL 2005 eq. 8.
    /// </summary>
    public double ProbabilityOfPurchases(PurchaseHistory customer, double t, int n)
    {
        if (n == 0)
        {
            return 1 - ProbabilityOfPurchase(customer, t);
        }

        return ProbabilityAlive(customer) * ProbabilityOfPurchasesIfAlive(customer.Frequency, customer.T, t, n);
    }

    /// <summary>P(Y(t) ≥ 1 | x, t_x, T) = P(alive) × <see cref="ProbabilityOfPurchaseIfAlive"/>.</summary>
    public double ProbabilityOfPurchase(PurchaseHistory customer, double t) =>
        ProbabilityAlive(customer) * ProbabilityOfPurchaseIfAlive(customer.Frequency, customer.T, t);

    /// <summary>
    /// P(Y(t) ≥ 1 | alive at T, x, T) = 1 − ((α+T)/(α+T+t))^(r+x): dropout only ever follows a purchase, so a customer
    /// alive at T buys nothing in t exactly when their Poisson process makes no purchase, whose chance mixed over
    /// λ ~ Gamma(r+x, α+T) is that power. Taken through expm1 so that short periods keep their digits.
    /// </summary>
    public double ProbabilityOfPurchaseIfAlive(int x, double age, double t)
    {
        if (t <= 0)
        {
            return 0.0;
        }

        return double.IsPositiveInfinity(t) ? 1.0 : -LogMath.Expm1(-(_r + x) * LogMath.Log1p(t / (_alpha + age)));
    }

    /// <summary>
    /// The t where <see cref="ProbabilityOfPurchaseIfAlive"/> reaches <paramref name="chance"/>, inverting the power:
    /// t = (α+T)·((1 − chance)^(−1/(r+x)) − 1); null for a chance of 1 or more, which only t → ∞ reaches.
    /// </summary>
    public double? TimeToChanceIfAlive(int x, double age, double chance)
    {
        if (!(chance < 1))
        {
            return null;
        }

        if (chance <= 0)
        {
            return 0.0;
        }

        var t = (_alpha + age) * LogMath.Expm1(-LogMath.Log1p(-chance) / (_r + x));
        return double.IsFinite(t) ? t : null;
    }

    /// <summary>
    /// P(Y(t) = n | alive at T) for n = 0, 1, 2, … in turn until they add up to <paramref name="mass"/>: the terms of
    /// <see cref="ProbabilityOfPurchasesIfAlive"/> by recurrence instead of one incomplete beta each. E[(1−p)^n] gains a
    /// factor (b'+n−1)/(a+b'+n−1) a step, E[p(1−p)^(n−1)] is a/(a+b'+n−1) times E[(1−p)^(n−1)], the negative binomial's
    /// term gains (r+x+n−1)/n · t/(α+T+t), and P(NB ≥ n) is 1 less the terms so far. Kept in logs so that a heavy buyer's
    /// early terms underflow to 0 rather than the recurrence; the ratios lose no digits at a concentrated Beta, so the
    /// point-mass limit needs no form of its own here.
    /// </summary>
    public int ProbabilitiesOfPurchasesIfAlive(int x, double age, double t, double mass, Span<double> probabilities)
    {
        if (probabilities.IsEmpty)
        {
            return 0;
        }

        if (t <= 0)
        {
            probabilities[0] = 1;
            return 1;
        }

        var shape = _r + x;
        var scale = _alpha + age;
        var logQ = Math.Log(t / (scale + t));
        var logNegativeBinomial = -shape * LogMath.Log1p(t / scale);
        var first = Math.Exp(logNegativeBinomial);
        probabilities[0] = first;
        var total = first;
        var belowN = first;
        if (total >= mass)
        {
            return 1;
        }

        var dropoutShape = _b + x + _shift;
        var logA = Math.Log(_a);
        var logSurviveAll = 0.0;
        for (var n = 1; n < probabilities.Length; n++)
        {
            var below = Math.Log(_a + dropoutShape + n - 1);
            var logDropAfterLast = logSurviveAll + logA - below;
            logSurviveAll += Math.Log(dropoutShape + n - 1) - below;

            logNegativeBinomial += Math.Log((shape + n - 1) / n) + logQ;
            var reachesN = Math.Max(1 - belowN, 0);
            var term = Math.Exp(logNegativeBinomial);
            var probability = Math.Clamp(Math.Exp(logSurviveAll + logNegativeBinomial) + Math.Exp(logDropAfterLast) * reachesN, 0, 1);
            belowN += term;
            probabilities[n] = probability;
            total += probability;
            if (total >= mass)
            {
                return n + 1;
            }
        }

        return probabilities.Length;
    }

    // P(Y(t) = n | alive at T) for n ≥ 1: E[(1−p)^n]·NB(n) + E[p(1−p)^(n−1)]·P(NB ≥ n), the Beta moments as ratios of
    // gamma functions (LogGamma.Ratio keeps them exact for large x) and P(NB ≥ n) the regularised incomplete beta
    // I_{t/(α+T+t)}(n, r+x).
    private double ProbabilityOfPurchasesIfAlive(int x, double age, double t, int n)
    {
        if (t <= 0)
        {
            return 0.0;
        }

        var shape = _r + x;
        var dropoutShape = _b + x + _shift;
        var logBelowAll = LogGamma.Ratio(_a + dropoutShape, n);
        var logSurviveAll = LogGamma.Ratio(dropoutShape, n) - logBelowAll;
        var logDropAfterLast = Math.Log(_a) + LogGamma.Ratio(dropoutShape, n - 1) - logBelowAll;
        var scale = _alpha + age;
        var logNegativeBinomial = LogGamma.Ratio(shape, n) - LogGamma.Of(n + 1) - shape * LogMath.Log1p(t / scale) + n * Math.Log(t / (scale + t));
        var reachesN = SpecialFunctions.BetaRegularized(n, shape, t / (scale + t));
        var probability = Math.Exp(logSurviveAll + logNegativeBinomial) + Math.Exp(logDropAfterLast) * reachesN;
        return Math.Clamp(probability, 0.0, 1.0);
    }
}
