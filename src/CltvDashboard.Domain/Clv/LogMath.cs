namespace CltvDashboard.Domain.Clv;

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

    /// <summary>ln(e^a − e^b) for a ≥ b, through log1p(−e^(b−a)) so that close values keep their digits.</summary>
    public static double LogSubExp(double a, double b)
    {
        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        var d = b - a;
        return d > -0.6931471805599453 ? a + Math.Log(-Expm1(d)) : a + Math.Log(1 - Math.Exp(d));
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

    /// <summary>ln(1 + x), accurate for x near 0 (the rounding of 1 + x is corrected to first order).</summary>
    public static double Log1p(double x)
    {
        if (Math.Abs(x) < 1e-4)
        {
            return x * (1 - x * (0.5 - x / 3));
        }

        var u = 1.0 + x;
        return Math.Log(u) - (u - 1.0 - x) / u;
    }

    /// <summary>The logistic function 1 / (1 + e^−x), stable for large |x|.</summary>
    public static double Logistic(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
