using MathNet.Numerics;

namespace CltvDashboard.Domain.Tests.Clv.ParetoNbd;

/// <summary>
/// Pareto/NBD quantities computed straight from their integral definitions with MathNet's adaptive Gauss–Kronrod
/// and double-exponential quadrature: no hypergeometric function, no series, and a different integration variable from the production code.
/// </summary>
internal static class DirectIntegration
{
    /// <summary>
    /// log L = log Γ(r+x) − log Γ(r) + r log α + s log β + log[(α+T)^−(r+x) (β+T)^−s + s ∫_{t_x}^T (α+τ)^−(r+x) (β+τ)^−(s+1) dτ]
    /// (Fader &amp; Hardie 2005, eq. 19 before the hypergeometric step).
    /// </summary>
    public static double LogLikelihood(double r, double alpha, double s, double beta, int x, double recency, double age)
    {
        var logFirst = (-(r + x) * Math.Log(alpha + age)) - (s * Math.Log(beta + age));
        var logBracket = logFirst;
        if (recency < age)
        {
            var logIntegral = Math.Log(s) + LogDropoutIntegral(r + x, alpha, s, beta, recency, age);
            var max = Math.Max(logFirst, logIntegral);
            logBracket = max + Math.Log(Math.Exp(logFirst - max) + Math.Exp(logIntegral - max));
        }

        return SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha)) + (s * Math.Log(beta)) + logBracket;
    }

    /// <summary>P(alive) = first term / bracket.</summary>
    public static double ProbabilityAlive(double r, double alpha, double s, double beta, int x, double recency, double age)
    {
        if (!(recency < age))
        {
            return 1;
        }

        var logFirst = (-(r + x) * Math.Log(alpha + age)) - (s * Math.Log(beta + age));
        var logIntegral = Math.Log(s) + LogDropoutIntegral(r + x, alpha, s, beta, recency, age);
        return 1 / (1 + Math.Exp(logIntegral - logFirst));
    }

    /// <summary>
    /// log ∫_{from}^{to} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ in u = log(α+τ), scaled by the integrand's value at the lower
    /// end (where it is largest) so that nothing underflows.
    /// </summary>
    public static double LogDropoutIntegral(double rx, double alpha, double s, double beta, double from, double to)
    {
        double LogIntegrand(double u)
        {
            var tau = Math.Exp(u) - alpha;
            return ((1 - rx) * u) - ((s + 1) * Math.Log(Math.Max(beta + tau, 1e-300)));
        }

        var lower = Math.Log(alpha + from);
        var upper = Math.Log(alpha + to);
        var reference = Math.Max(LogIntegrand(lower), LogIntegrand(upper));
        var integral = Integrate.DoubleExponential(u => Math.Exp(LogIntegrand(u) - reference), lower, upper, 1e-15);
        return reference + Math.Log(integral);
    }

    /// <summary>
    /// The expectation of a function of a customer's history at age T: P(x = 0) f(0, 0) + Σ_x ∫_0^T density(x, t_x) f(x, t_x) dt_x,
    /// summed over x until the terms past the mode become negligible.
    /// </summary>
    /// <remarks>
    /// The likelihood of Fader &amp; Hardie leaves out the factor t_x^(x−1)/(x−1)! that counts the orders of the earlier
    /// purchase times; with it, L is the joint density of (x, t_x).
    /// </remarks>
    public static double OverHistories(Func<int, double, double> logLikelihood, Func<int, double, double> function, double age)
    {
        var total = Math.Exp(logLikelihood(0, 0)) * function(0, 0);
        var largest = 0.0;
        for (var x = 1; x <= 5000; x++)
        {
            var frequency = x;
            double Density(double recency) =>
                recency <= 0 ? 0 : Math.Exp(logLikelihood(frequency, recency) + ((frequency - 1) * Math.Log(recency)) - SpecialFunctions.GammaLn(frequency));
            var term = Integrate.GaussKronrod(t => Density(t) * function(frequency, t), 0, age, 1e-12, 20, 31);
            total += term;
            largest = Math.Max(largest, Math.Abs(term));
            if (Math.Abs(term) < 1e-15 * largest)
            {
                break;
            }
        }

        return total;
    }
}
