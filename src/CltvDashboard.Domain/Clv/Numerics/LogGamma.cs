namespace CltvDashboard.Domain.Clv.Numerics;

/// <summary>
/// ln Γ(q) and ln Γ(a + q) − ln Γ(a) with rounding noise of a few units in the last place of the result.
/// </summary>
/// <remarks>
/// The likelihood adds these once per customer, and near the optimum the optimiser compares likelihoods that
/// differ by about 1e-15 of their size: any jitter above that makes the line search reject good steps. A general
/// ln Γ is accurate enough in value but jitters by tens of units in the last place (MathNet's GammaLn: about
/// 1e-14 at q ≈ 4), and the difference of two ln Γ values carries the jitter of the larger one. Both functions
/// here shift the argument up with Γ(z + 1) = z Γ(z) and use the Stirling series, whose terms are small and
/// smooth; the ratio subtracts the two series analytically, with log1p where the leading terms would cancel.
/// </remarks>
internal static class LogGamma
{
    // At z ≥ 8 the Stirling series below, cut after z^-13, is accurate to 1e-15.
    private const double StirlingThreshold = 8.0;

    private const double HalfLogTwoPi = 0.91893853320467274178;

    /// <summary>ln Γ(q) for q &gt; 0.</summary>
    public static double Of(double q)
    {
        var product = 1.0;
        var logProduct = 0.0;
        while (q < StirlingThreshold)
        {
            product *= q;
            q += 1.0;

            // Keeps the running product of small arguments from underflowing.
            if (product < 1e-200)
            {
                logProduct += Math.Log(product);
                product = 1.0;
            }
        }

        // (q − ½) ln q − q + ½ ln 2π, written so that no two large terms cancel.
        return (q - 0.5) * (Math.Log(q) - 1.0) + (HalfLogTwoPi - 0.5) + StirlingCorrection(q) - (Math.Log(product) + logProduct);
    }

    /// <summary>ln Γ(a + q) − ln Γ(a) for a, q &gt; 0.</summary>
    public static double Ratio(double a, double q)
    {
        var shift = 0.0;
        while (a < StirlingThreshold)
        {
            // ln Γ(a + q) − ln Γ(a) = ln Γ(a + 1 + q) − ln Γ(a + 1) − ln(1 + q / a).
            shift -= LogMath.Log1p(q / a);
            a += 1.0;
        }

        // (a + q − ½) ln(a + q) − (a − ½) ln a − q = (a − ½) ln(1 + q/a) + q (ln(a + q) − 1).
        var b = a + q;
        return shift + (a - 0.5) * LogMath.Log1p(q / a) + q * (Math.Log(b) - 1.0) + StirlingCorrection(b) - StirlingCorrection(a);
    }

    // ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π] = Σ B₂ₖ / (2k(2k − 1) z^(2k−1)), k = 1..7.
    private static double StirlingCorrection(double z)
    {
        var r = 1.0 / z;
        var r2 = r * r;
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188 - r2 * (691.0 / 360360 - r2 * (1.0 / 156)))))));
    }
}
