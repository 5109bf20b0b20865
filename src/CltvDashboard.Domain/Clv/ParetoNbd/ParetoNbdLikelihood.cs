using MathNet.Numerics;
using MathNet.Numerics.Integration;

namespace CltvDashboard.Domain.Clv.ParetoNbd;

/// <summary>Partial derivatives of a log-quantity with respect to (r, α, s, β).</summary>
internal struct Partials
{
    public double R;
    public double Alpha;
    public double S;
    public double Beta;
}

/// <summary>A Pareto/NBD parameter point with the logarithms the likelihood uses many times over.</summary>
internal readonly struct ParetoNbdPoint
{
    public ParetoNbdPoint(double r, double alpha, double s, double beta)
    {
        R = r;
        Alpha = alpha;
        S = s;
        Beta = beta;
        LogAlpha = Math.Log(alpha);
        LogBeta = Math.Log(beta);
        LogS = Math.Log(s);
        AlphaAtLeastBeta = alpha >= beta;
        Difference = Math.Abs(alpha - beta);
        LogDifference = Math.Log(Difference);
    }

    public double R { get; }

    public double Alpha { get; }

    public double S { get; }

    public double Beta { get; }

    public double LogAlpha { get; }

    public double LogBeta { get; }

    public double LogS { get; }

    /// <summary>Which of the two hypergeometric representations of Fader &amp; Hardie (2005) applies.</summary>
    public bool AlphaAtLeastBeta { get; }

    /// <summary>|α − β|.</summary>
    public double Difference { get; }

    public double LogDifference { get; }
}

/// <summary>
/// The Pareto/NBD individual log-likelihood (Schmittlein, Morrison &amp; Colombo 1987, in the form of Fader &amp;
/// Hardie 2005, "A Note on Deriving the Pareto/NBD Model and Related Expressions") with its analytic gradient.
/// </summary>
/// <remarks>
/// <para>
/// With A = r + s + x, L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s·(G(t_x) − G(T)) ], where
/// G(t) = ∫_t^∞ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ = 2F1(A, b; A+1; z(t)) / (A·(m+t)^A) is the hypergeometric term of
/// the note (m = max(α, β), z(t) = |α−β| / (m+t), b = s+1 when α ≥ β and r+x otherwise).
/// </para>
/// <para>
/// The plain 2F1 series overflows when b = r + x is large (its sum is about (1−z)^−b); Euler's transformation
/// 2F1(A, b; A+1; z) = (1−z)^(1−b) · 2F1(1, A+1−b; A+1; z) leaves a series of positive terms whose ratio is below z,
/// summed in log space. Where z exceeds <see cref="SeriesLimit"/> that series converges slowly, so the tail is split
/// at the time τ* where z(τ*) = <see cref="SeriesLimit"/>: the series gives G(τ*) and Gauss–Legendre quadrature the
/// rest, in the variable q = log((min(α,β)+τ)/(m+τ)), in which the integrand is log-concave (for A ≥ 1) and free of
/// the near-singularity at z = 1.
/// </para>
/// <para>
/// The difference A0 ∝ G(t_x) − G(T) is positive by construction. Rather than log A0 = log G(t_x) + log1mexp(log G(T) −
/// log G(t_x)), which loses digits as t_x → T, the bracket is summed from the logs of its three terms scaled by the
/// larger of the first two: since s·G(T) ≤ (α+T)^−(r+x) (β+T)^−s, the scaled sum is at least 1, so the difference costs
/// no precision in it, and t_x = T simply leaves the first term.
/// </para>
/// </remarks>
internal static class ParetoNbdLikelihood
{
    /// <summary>
    /// The largest z summed by the series: up to about 175 terms reach double precision there, still cheaper than the
    /// quadrature, whose panels cost three transcendental functions per node.
    /// </summary>
    public const double SeriesLimit = 0.8;

    private const int MaxSeriesTerms = 400;

    // Series terms below this fraction of the sum are dropped; the ratio of terms is below z, so the rest is at most
    // z/(1−z) ≤ 4 times the last term.
    private const double SeriesTolerance = 1e-17;

    private const int MaxPanels = 4000;

    // Panel width in q: at most PanelSlopeBudget / |h'|, so that a 16-point Gauss–Legendre panel sees the integrand change
    // by at most about e^10 (its error on e^(λu) is then below 1e-25), and at most max(MinimumPanelWidth, |q|/2), which
    // keeps the branch point of (1 − e^q)^(A−1) at q = 0 well outside each panel's Bernstein ellipse.
    private const double PanelSlopeBudget = 10.0;
    private const double MinimumPanelWidth = 1.0;

    private static readonly double LogOneMinusSeriesLimit = Math.Log(1 - SeriesLimit);
    private static readonly double LogSeriesLimit = Math.Log(SeriesLimit);
    private static readonly double[] NodeOffsets;
    private static readonly double[] NodeWeights;

#pragma warning disable CA1810 // The node tables depend on each other; one constructor keeps them together.
    static ParetoNbdLikelihood()
#pragma warning restore CA1810
    {
        var rule = new GaussLegendreRule(0, 1, 16);
        NodeOffsets = rule.Abscissas;
        NodeWeights = rule.Weights;
    }

    /// <summary>The log-likelihood of one customer and its partials with respect to (r, α, s, β).</summary>
    public static double LogLikelihood(in ParetoNbdPoint p, int x, double recency, double age, out Partials gradient)
    {
        var logBracket = LogBracket(
            p,
            x,
            recency,
            age,
            Math.Log(p.Alpha + recency),
            Math.Log(p.Beta + recency),
            Math.Log(p.Alpha + age),
            Math.Log(p.Beta + age),
            out var bracket,
            out _);
        var (logRising, risingDerivative) = LogRisingFactorial(p.R, x);
        gradient.R = risingDerivative + p.LogAlpha + bracket.R;
        gradient.Alpha = p.R / p.Alpha + bracket.Alpha;
        gradient.S = p.LogBeta + bracket.S;
        gradient.Beta = p.S / p.Beta + bracket.Beta;
        return logRising + p.R * p.LogAlpha + p.S * p.LogBeta + logBracket;
    }

    /// <summary>
    /// log of the bracket (α+T)^−(r+x) (β+T)^−s + s·(G(t_x) − G(T)) and its partials; <paramref name="logAliveTerm"/>
    /// receives the log of its first term, so P(alive) = exp(logAliveTerm − result).
    /// </summary>
    public static double LogBracket(
        in ParetoNbdPoint p,
        int x,
        double recency,
        double age,
        double logAlphaRecency,
        double logBetaRecency,
        double logAlphaAge,
        double logBetaAge,
        out Partials gradient,
        out double logAliveTerm)
    {
        var rx = p.R + x;
        var logFirst = LogFirstTerm(p, rx, age, logAlphaAge, logBetaAge, out var first);
        logAliveTerm = logFirst;
        if (!(recency < age))
        {
            gradient = first;
            return logFirst;
        }

        var logRecencyTail = LogScaledTail(p, rx, recency, logAlphaRecency, logBetaRecency, out var recencyTail);
        var logAgeTail = LogScaledTail(p, rx, age, logAlphaAge, logBetaAge, out var ageTail);
        return Combine(logFirst, first, logRecencyTail, recencyTail, logAgeTail, ageTail, out gradient);
    }

    /// <summary>log (α+T)^−(r+x) (β+T)^−s, the likelihood's term for a customer still alive at T, and its partials.</summary>
    public static double LogFirstTerm(in ParetoNbdPoint p, double rx, double age, double logAlphaAge, double logBetaAge, out Partials gradient)
    {
        gradient.R = -logAlphaAge;
        gradient.Alpha = -rx / (p.Alpha + age);
        gradient.S = -logBetaAge;
        gradient.Beta = -p.S / (p.Beta + age);
        return (-rx * logAlphaAge) - (p.S * logBetaAge);
    }

    /// <summary>log s·G(t) and its partials.</summary>
    public static double LogScaledTail(in ParetoNbdPoint p, double rx, double t, double logAlphaT, double logBetaT, out Partials gradient)
    {
        var value = p.LogS + LogTail(p, rx, t, logAlphaT, logBetaT, out gradient);
        gradient.S += 1 / p.S;
        return value;
    }

    /// <summary>
    /// log(first + s·G(t_x) − s·G(T)) from the logs of its three terms, and its partials. Scaled by the larger of the
    /// first two terms the bracket is at least 1, since s·G(T) never exceeds the first term: no precision is lost to the
    /// difference, even when t_x is close to T.
    /// </summary>
    public static double Combine(
        double logFirst,
        in Partials first,
        double logRecencyTail,
        in Partials recencyTail,
        double logAgeTail,
        in Partials ageTail,
        out Partials gradient)
    {
        var max = Math.Max(logFirst, logRecencyTail);
        var firstWeight = Math.Exp(logFirst - max);
        var recencyWeight = Math.Exp(logRecencyTail - max);
        var ageWeight = Math.Exp(logAgeTail - max);
        var scaled = firstWeight + (recencyWeight - ageWeight);
        var inverse = 1 / scaled;
        gradient.R = ((firstWeight * first.R) + (recencyWeight * recencyTail.R) - (ageWeight * ageTail.R)) * inverse;
        gradient.Alpha = ((firstWeight * first.Alpha) + (recencyWeight * recencyTail.Alpha) - (ageWeight * ageTail.Alpha)) * inverse;
        gradient.S = ((firstWeight * first.S) + (recencyWeight * recencyTail.S) - (ageWeight * ageTail.S)) * inverse;
        gradient.Beta = ((firstWeight * first.Beta) + (recencyWeight * recencyTail.Beta) - (ageWeight * ageTail.Beta)) * inverse;
        return max + Math.Log(scaled);
    }

    /// <summary>log Γ(r+x)/Γ(r) and its derivative ψ(r+x) − ψ(r).</summary>
    public static (double Value, double Derivative) LogRisingFactorial(double r, int x)
    {
        if (x == 0)
        {
            return (0, 0);
        }

        // Differences of log-gamma values lose digits when r is large; the product form does not.
        if (x <= 32 || (r >= 1e4 && x <= 4096))
        {
            var value = 0.0;
            var derivative = 0.0;
            for (var k = 0; k < x; k++)
            {
                value += Math.Log(r + k);
                derivative += 1 / (r + k);
            }

            return (value, derivative);
        }

        return (SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r), SpecialFunctions.DiGamma(r + x) - SpecialFunctions.DiGamma(r));
    }

    /// <summary>log G(t), G(t) = ∫_t^∞ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ, and its partials.</summary>
    internal static double LogTail(in ParetoNbdPoint p, double rx, double t, double logAlphaT, double logBetaT, out Partials gradient)
    {
        var alphaT = p.Alpha + t;
        var betaT = p.Beta + t;
        var z = p.Difference / (p.AlphaAtLeastBeta ? alphaT : betaT);
        if (z <= SeriesLimit)
        {
            return LogTailBySeries(p, rx, alphaT, betaT, logAlphaT, logBetaT, z, out gradient);
        }

        // G(t) = ∫_t^τ* + G(τ*), with z(τ*) = SeriesLimit; G(τ*) is then a fast series. τ* is held fixed for the partials:
        // the sum does not depend on it.
        var largerAtSplit = p.Difference / SeriesLimit;
        var smallerAtSplit = largerAtSplit - p.Difference;
        var logLargerAtSplit = p.LogDifference - LogSeriesLimit;
        var logSmallerAtSplit = p.LogDifference + LogOneMinusSeriesLimit - LogSeriesLimit;
        double alphaSplit, betaSplit, logAlphaSplit, logBetaSplit;
        if (p.AlphaAtLeastBeta)
        {
            (alphaSplit, betaSplit, logAlphaSplit, logBetaSplit) = (largerAtSplit, smallerAtSplit, logLargerAtSplit, logSmallerAtSplit);
        }
        else
        {
            (alphaSplit, betaSplit, logAlphaSplit, logBetaSplit) = (smallerAtSplit, largerAtSplit, logSmallerAtSplit, logLargerAtSplit);
        }

        var logNear = LogIntegral(p, rx, alphaT, betaT, logAlphaT, logBetaT, alphaSplit, betaSplit, out var near);
        var logFar = LogTailBySeries(p, rx, alphaSplit, betaSplit, logAlphaSplit, logBetaSplit, SeriesLimit, out var far);
        var max = Math.Max(logNear, logFar);
        var nearWeight = Math.Exp(logNear - max);
        var farWeight = Math.Exp(logFar - max);
        var inverse = 1 / (nearWeight + farWeight);
        gradient.R = (nearWeight * near.R + farWeight * far.R) * inverse;
        gradient.Alpha = (nearWeight * near.Alpha + farWeight * far.Alpha) * inverse;
        gradient.S = (nearWeight * near.S + farWeight * far.S) * inverse;
        gradient.Beta = (nearWeight * near.Beta + farWeight * far.Beta) * inverse;
        return max + Math.Log(nearWeight + farWeight);
    }

    // G(t) = (1−z)^(1−b) · S(z) / (A (m+t)^A), S the Euler-transformed series; (1−z) = (min(α,β)+t)/(m+t) is taken from
    // the logs rather than from z, which would cancel when z is near 1.
    private static double LogTailBySeries(
        in ParetoNbdPoint p,
        double rx,
        double alphaT,
        double betaT,
        double logAlphaT,
        double logBetaT,
        double z,
        out Partials gradient)
    {
        var a = rx + p.S;
        var logA = Math.Log(a);
        var inverseA = 1 / a;
        if (p.AlphaAtLeastBeta)
        {
            var logSeries = LogEulerSeries(rx, a + 1, z, out var dNumerator, out var dDenominator, out var dZ);
            gradient.R = -inverseA - logAlphaT + dNumerator + dDenominator;
            gradient.S = -inverseA - logBetaT + dDenominator;
            gradient.Alpha = -rx / alphaT + dZ * betaT / (alphaT * alphaT);
            gradient.Beta = -p.S / betaT - dZ / alphaT;
            return -logA - rx * logAlphaT - p.S * logBetaT + logSeries;
        }
        else
        {
            var logSeries = LogEulerSeries(p.S + 1, a + 1, z, out var dNumerator, out var dDenominator, out var dZ);
            gradient.R = -inverseA - logAlphaT + dDenominator;
            gradient.S = -inverseA - logBetaT + dNumerator + dDenominator;
            gradient.Alpha = (1 - rx) / alphaT - dZ / betaT;
            gradient.Beta = -(p.S + 1) / betaT + dZ * alphaT / (betaT * betaT);
            return -logA + (1 - rx) * logAlphaT - (p.S + 1) * logBetaT + logSeries;
        }
    }

    /// <summary>
    /// log Σ_n [(a)_n / (c)_n] z^n for 0 &lt; a &lt; c, 0 ≤ z ≤ <see cref="SeriesLimit"/>, with the partials of the log
    /// with respect to a, c and z, accumulated term by term: d log (a)_n / da = Σ_{k&lt;n} 1/(a+k).
    /// </summary>
    internal static double LogEulerSeries(double numerator, double denominator, double z, out double dNumerator, out double dDenominator, out double dZ)
    {
        var sum = 1.0;
        var sumNumerator = 0.0;
        var sumDenominator = 0.0;
        var sumZ = 0.0;
        var digammaNumerator = 1 / numerator;
        var digammaDenominator = 1 / denominator;

        // coefficient = (a)_n / (c)_n · z^(n−1), so the term is coefficient · z and its z-derivative n · coefficient.
        var coefficient = numerator / denominator;
        for (var n = 1; n <= MaxSeriesTerms; n++)
        {
            var term = coefficient * z;
            sum += term;
            sumNumerator += term * digammaNumerator;
            sumDenominator += term * digammaDenominator;
            sumZ += n * coefficient;
            if (term <= SeriesTolerance * sum)
            {
                break;
            }

            // One division serves both reciprocals: 1/a = c/(a·c) and 1/c = a/(a·c).
            var nextNumerator = numerator + n;
            var nextDenominator = denominator + n;
            var inverseProduct = 1 / (nextNumerator * nextDenominator);
            var inverseDenominator = nextNumerator * inverseProduct;
            coefficient *= z * nextNumerator * inverseDenominator;
            digammaNumerator += nextDenominator * inverseProduct;
            digammaDenominator += inverseDenominator;
        }

        var inverseSum = 1 / sum;
        dNumerator = sumNumerator * inverseSum;
        dDenominator = -sumDenominator * inverseSum;
        dZ = sumZ * inverseSum;
        return Math.Log(sum);
    }

    /// <summary>
    /// log ∫_{t1}^{t2} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ for z(t1) &gt; z(t2) = <see cref="SeriesLimit"/>, and its partials
    /// at fixed t1, t2. With p = (min(α,β)+τ)/(m+τ) the integral is |α−β|^−A ∫ p^−b (1−p)^(A−1) dp; in q = log p the
    /// integrand exp(h(q)), h(q) = (1−b) q + (A−1) log(1 − e^q), is smooth on p ≤ 1 − <see cref="SeriesLimit"/>.
    /// </summary>
    private static double LogIntegral(
        in ParetoNbdPoint p,
        double rx,
        double alphaStart,
        double betaStart,
        double logAlphaStart,
        double logBetaStart,
        double alphaEnd,
        double betaEnd,
        out Partials gradient)
    {
        var alphaFirst = p.AlphaAtLeastBeta;
        var a = rx + p.S;
        var aMinusOne = a - 1;
        var oneMinusB = alphaFirst ? -p.S : 1 - rx;
        var start = alphaFirst ? logBetaStart - logAlphaStart : logAlphaStart - logBetaStart;
        var end = LogOneMinusSeriesLimit;

        double H(double q) => (oneMinusB * q) + (aMinusOne * Math.Log(1 - Math.Exp(q)));

        // Scale by the exact maximum of h on [start, end]: an end point or the stationary point e^q = (1−b)/(A−b).
        var hStart = H(start);
        var hEnd = H(end);
        var reference = Math.Max(hStart, hEnd);
        var stationary = oneMinusB / (a - (1 - oneMinusB));
        if (stationary > 0 && stationary < 1)
        {
            var qStationary = Math.Log(stationary);
            if (qStationary > start && qStationary < end)
            {
                reference = Math.Max(reference, H(qStationary));
            }
        }

        var sum = 0.0;
        var sumA = 0.0;
        var sumB = 0.0;
        var q = start;
        var hq = hStart;
        for (var panel = 0; panel < MaxPanels && q < end; panel++)
        {
            var eq = Math.Exp(q);
            var slope = oneMinusB - (aMinusOne * eq / (1 - eq));

            // For A ≥ 1, h is concave: once it decreases, the rest is below exp(h(q)) / |h'(q)|.
            if (panel > 0 && aMinusOne >= 0 && slope < 0 && Math.Exp(hq - reference) / -slope <= SeriesTolerance * sum)
            {
                break;
            }

            var width = Math.Min(Math.Min(Math.Max(MinimumPanelWidth, -0.5 * q), PanelSlopeBudget / Math.Abs(slope)), end - q);
            for (var i = 0; i < NodeOffsets.Length; i++)
            {
                var u = q + (width * NodeOffsets[i]);
                var logOneMinusP = Math.Log(1 - Math.Exp(u));
                var value = width * NodeWeights[i] * Math.Exp((oneMinusB * u) + (aMinusOne * logOneMinusP) - reference);
                sum += value;
                sumA += value * logOneMinusP;
                sumB -= value * u;
            }

            q = end - q <= width ? end : q + width;
            hq = H(q);
        }

        var startWeight = Math.Exp(hStart - reference);
        var endWeight = Math.Exp(hEnd - reference);

        // q = ±(log(β+τ) − log(α+τ)): + when α ≥ β.
        var sign = alphaFirst ? 1.0 : -1.0;
        var dStartAlpha = -sign / alphaStart;
        var dStartBeta = sign / betaStart;
        var dEndAlpha = -sign / alphaEnd;
        var dEndBeta = sign / betaEnd;
        var inverseSum = 1 / sum;
        gradient.R = -p.LogDifference + ((sumA + (alphaFirst ? 0 : sumB)) * inverseSum);
        gradient.S = -p.LogDifference + ((sumA + (alphaFirst ? sumB : 0)) * inverseSum);
        gradient.Alpha = (-a * sign / p.Difference) + (((endWeight * dEndAlpha) - (startWeight * dStartAlpha)) * inverseSum);
        gradient.Beta = (a * sign / p.Difference) + (((endWeight * dEndBeta) - (startWeight * dStartBeta)) * inverseSum);
        return (-a * p.LogDifference) + reference + Math.Log(sum);
    }
}
