namespace CltvDashboard.Domain.Clv.Numerics;

/// <summary>Gauss's hypergeometric series where its terms are known to stay bounded.</summary>
internal static class Hypergeometric
{
    private const int MaxTerms = 1_000_000;

    /// <summary>
    /// ln 2F1(a, b; c; z) by its power series, for 0 ≤ z &lt; 1 and c &gt; 0. Callers arrange (by Euler's
    /// transformation) that a and b are small next to c, so the terms shrink from the start and are summed
    /// as plain doubles; the series is stopped when a term no longer changes the sum.
    /// </summary>
    public static double LogSeries(double a, double b, double c, double z)
    {
        if (z == 0)
        {
            return 0.0;
        }

        // The sum is kept without its leading 1 so that ln(1 + tail) keeps its digits when the tail is tiny.
        var sum = 0.0;
        var term = 1.0;
        var compensation = 0.0;
        for (var n = 0; n < MaxTerms; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;

            // Kahan summation: near z = 1 the series runs long and its terms alternate in sign for a &lt; 0 or b &lt; 0.
            var y = term - compensation;
            var next = sum + y;
            compensation = next - sum - y;
            sum = next;
            if (Math.Abs(term) <= 1e-17 * Math.Abs(1 + sum) || term == 0)
            {
                break;
            }
        }

        return LogMath.Log1p(sum);
    }

    /// <summary>
    /// 2F1(a, b; c; z) itself by its power series, for 0 ≤ z &lt; 1 and c &lt; 0 not an integer, where the sum may be
    /// negative and has no logarithm. The terms stay of the order of 1/|c|, so plain doubles hold them.
    /// </summary>
    public static double Series(double a, double b, double c, double z)
    {
        var sum = 1.0;
        var term = 1.0;
        for (var n = 0; n < MaxTerms; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.Abs(term) <= 1e-17 * Math.Max(Math.Abs(sum), 1) || term == 0)
            {
                break;
            }
        }

        return sum;
    }
}
