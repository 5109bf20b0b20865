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
    /// P(Y(t) = n | x, t_x, T): the probability of exactly n purchases in (T, T + t], mixing over the posterior
    /// of (λ, p). For a new customer (x = t_x = T = 0) it is FHL 2005 eq. 8.
    /// </summary>
    public double ProbabilityOfPurchases(PurchaseHistory customer, double t, int n)
    {
        var (x, tx, age) = customer;
        var s = _shift;
        var logBetaAB = SpecialFunctions.BetaLn(_a, _b);
        var logGammaRatio = SpecialFunctions.GammaLn(_r + x) - SpecialFunctions.GammaLn(_r) + _r * Math.Log(_alpha);

        var logAlive = SpecialFunctions.BetaLn(_a, _b + x + s) - logBetaAB + logGammaRatio - (_r + x) * Math.Log(_alpha + age);
        var logDead = x + s > 0
            ? SpecialFunctions.BetaLn(_a + 1, _b + x + s - 1) - logBetaAB + logGammaRatio - (_r + x) * Math.Log(_alpha + tx)
            : double.NegativeInfinity;
        var logLikelihood = LogMath.LogAddExp(logAlive, logDead);

        // Alive at T and exactly n purchases in t without dropping out after any of them.
        var logNoDropout = SpecialFunctions.BetaLn(_a, _b + x + s + n) - logBetaAB
            + SpecialFunctions.GammaLn(_r + x + n) - SpecialFunctions.GammaLn(_r) + _r * Math.Log(_alpha)
            + (t > 0 ? n * Math.Log(t) : (n == 0 ? 0 : double.NegativeInfinity))
            - SpecialFunctions.GammaLn(n + 1) - (_r + x + n) * Math.Log(_alpha + age + t);
        var terms = logNoDropout;

        if (n == 0)
        {
            terms = LogMath.LogAddExp(terms, logDead);
        }
        else if (t > 0)
        {
            // Alive at T, n-th purchase in t, then dropout: the negative-binomial survival P(NB ≥ n) is the
            // regularised incomplete beta I_{t/(α+T+t)}(n, r+x).
            var survival = SpecialFunctions.BetaRegularized(n, _r + x, t / (_alpha + age + t));
            if (survival > 0)
            {
                var logDropAfterNth = SpecialFunctions.BetaLn(_a + 1, _b + x + s + n - 1) - logBetaAB
                    + logGammaRatio - (_r + x) * Math.Log(_alpha + age) + Math.Log(survival);
                terms = LogMath.LogAddExp(terms, logDropAfterNth);
            }
        }

        return Math.Clamp(Math.Exp(terms - logLikelihood), 0.0, 1.0);
    }
}
