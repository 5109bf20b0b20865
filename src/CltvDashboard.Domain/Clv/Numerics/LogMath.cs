namespace CltvDashboard.Domain.Clv.Numerics;

/// <summary>Small numerically careful helpers for working with log-probabilities.</summary>
internal static class LogMath
{
    /// <summary>ln(e^a + e^b) without overflow: the larger exponent is factored out (log-sum-exp).</summary>
    public static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        return a > b ? a + Math.Log(1 + Math.Exp(b - a)) : b + Math.Log(1 + Math.Exp(a - b));
    }

    /// <summary>e^x − 1, accurate for x near 0 (Kahan's trick: the rounding of e^x cancels in (u − 1)·x / ln u).</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) < 1e-5)
        {
            return x + x * x / 2 + x * x * x / 6;
        }

        var u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        var um1 = u - 1.0;
        return um1 == -1.0 || double.IsPositiveInfinity(u) ? um1 : um1 * x / Math.Log(u);
    }

    /// <summary>
    /// ln(1 + x), accurate for x near 0 (Goldberg 1991, "What every computer scientist should know about
    /// floating-point arithmetic", theorem 4): the rounding of 1 + x cancels in the ratio.
    /// </summary>
    public static double Log1p(double x)
    {
        var u = 1 + x;
        if (u == 1)
        {
            return x;
        }

        return double.IsPositiveInfinity(u) ? Math.Log(x) : Math.Log(u) * x / (u - 1);
    }

    /// <summary>The logistic function 1 / (1 + e^−x), stable for large |x|.</summary>
    public static double Logistic(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
