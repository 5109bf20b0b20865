namespace CltvDashboard.TestSupport.Tests.Simulation;

/// <summary>
/// Closed forms from the papers, written out here independently of the simulator so the simulated bases can be
/// checked against them.
/// </summary>
internal static class PublishedMoments
{
    /// <summary>BG/NBD P(X(t) = 0), FHL 2005 eq. 8 with x = 0: no repeat purchase needs no dropout, so (α / (α + t))^r.</summary>
    public static double BgNbdNoRepeatPurchase(double r, double alpha, double t) => Math.Pow(alpha / (alpha + t), r);

    /// <summary>
    /// BG/NBD P(X(t) = 1), FHL 2005 eq. 8 with x = 1: either the customer survives the first repeat purchase and
    /// buys no more, b/(a+b) · r (α/(α+t))^r t/(α+t), or drops out right after it, a/(a+b) · [1 − (α/(α+t))^r].
    /// </summary>
    public static double BgNbdOneRepeatPurchase(double r, double alpha, double a, double b, double t)
    {
        var none = BgNbdNoRepeatPurchase(r, alpha, t);
        return (b / (a + b) * r * none * t / (alpha + t)) + (a / (a + b) * (1 - none));
    }

    /// <summary>BG/NBD E[X(t)], FHL 2005 eq. 9: (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].</summary>
    public static double BgNbdExpectedRepeatPurchases(double r, double alpha, double a, double b, double t) =>
        (a + b - 1) / (a - 1)
        * (1 - (Math.Pow(alpha / (alpha + t), r) * Hypergeometric2F1(r, b, a + b - 1, t / (alpha + t))));

    /// <summary>
    /// MBG/NBD P(X(t) = 0) (Batislam et al. 2007): lost right after the first purchase with probability p, else no
    /// purchase in (0, t]; averaged over p ~ Beta(a, b) and λ ~ Gamma(r, α): a/(a+b) + b/(a+b) · (α/(α+t))^r.
    /// </summary>
    public static double MbgNbdNoRepeatPurchase(double r, double alpha, double a, double b, double t) =>
        (a / (a + b)) + (b / (a + b) * Math.Pow(alpha / (alpha + t), r));

    /// <summary>Pareto/NBD E[X(t)] (Schmittlein, Morrison &amp; Colombo 1987): rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)], s ≠ 1.</summary>
    public static double ParetoNbdExpectedRepeatPurchases(double r, double alpha, double s, double beta, double t) =>
        r * beta / (alpha * (s - 1)) * (1 - Math.Pow(beta / (beta + t), s - 1));

    /// <summary>Gamma-Gamma E[z] = p · E[1/ν] = p·γ/(q − 1) for q &gt; 1.</summary>
    public static double GammaGammaMeanValue(double p, double q, double gamma) => p * gamma / (q - 1);

    /// <summary>The Gauss series Σ (a)_k (b)_k / ((c)_k k!) z^k, summed until the terms vanish; |z| &lt; 1.</summary>
    public static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        var sum = 0.0;
        var term = 1.0;
        for (var k = 0; k < 1_000_000; k++)
        {
            sum += term;
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            if (Math.Abs(term) < 1e-15 * Math.Abs(sum))
            {
                return sum;
            }
        }

        throw new InvalidOperationException($"2F1({a}, {b}; {c}; {z}) did not converge.");
    }

    /// <summary>The sample mean and its standard error.</summary>
    public static (double Mean, double StandardError) MeanAndStandardError(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, Math.Sqrt(variance / values.Count));
    }

    /// <summary>The standard error of a share estimated from <paramref name="n"/> independent customers.</summary>
    public static double ShareStandardError(double share, int n) => Math.Sqrt(share * (1 - share) / n);
}
