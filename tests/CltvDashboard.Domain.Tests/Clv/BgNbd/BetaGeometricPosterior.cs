using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;
using MathNet.Numerics;

namespace CltvDashboard.Domain.Tests.Clv.BgNbd;

/// <summary>
/// One customer's posterior under the BG/NBD (shift 0) or the MBG/NBD (shift 1), integrated numerically over the
/// purchase rate λ and the dropout probability p (<see cref="GridPosterior"/>, in v = ln λ and w = logit p): no
/// closed form of the model, only its definition. Prior λ ~ Gamma(r, α), p ~ Beta(a, b); the history's likelihood has
/// an alive part (1−p)^(x+shift) λ^x e^(−λT) and, when the customer could have dropped out after the last purchase, a
/// dead part p (1−p)^(x+shift−1) λ^x e^(−λ t_x).
/// </summary>
internal sealed class BetaGeometricPosterior
{
    private readonly GridPosterior _grid;

    public BetaGeometricPosterior(double r, double alpha, double a, double b, int shift, PurchaseHistory history)
    {
        var (x, recency, age) = history;
        var shape = r + x;
        var centre = Math.Log(shape / (alpha + age));
        var largest = (shape + 30 * Math.Sqrt(shape) + 30) / (alpha + recency);

        // Steps well inside the narrowest feature: the rate's posterior (width 1/√(r+x) in ln λ) and the Poisson
        // chances of a few purchases (about ½ in ln λ); logit p features are no narrower than ½.
        var rateAxis = new GridAxis(centre - 30 / shape - 3, Math.Log(largest), Math.Min(1 / Math.Sqrt(shape), 0.45) / 4, Math.Exp);
        var dropoutAxis = new GridAxis(-30 / a - 3, 30 / b + 3, 0.2, w => 1 / (1 + Math.Exp(-w)));

        // The Jacobians λ and p(1−p) raise the prior's exponents by one: ln p = −softplus(−w), ln(1−p) = −softplus(w).
        double LogAlive(double v, double w) =>
            shape * v - (alpha + age) * Math.Exp(v) - a * Softplus(-w) - (b + x + shift) * Softplus(w);
        double LogDead(double v, double w) =>
            shape * v - (alpha + recency) * Math.Exp(v) - (a + 1) * Softplus(-w) - (b + x + shift - 1) * Softplus(w);
        _grid = new GridPosterior(rateAxis, dropoutAxis, LogAlive, x + shift > 0 ? LogDead : null);
    }

    /// <summary>P(alive at T | history), from the integration.</summary>
    public double ProbabilityAlive => _grid.ProbabilityAlive;

    /// <summary>P(purchases in t = k | λ, p, alive at T): the definition of the model after T.</summary>
    public static double CountIfAlive(double rate, double dropout, double t, int k)
    {
        var mean = rate * t;
        if (k == 0)
        {
            return Math.Exp(-mean);
        }

        // k purchases surviving each, or dropout right after the k-th: P(Poisson ≥ k) is the lower regularised gamma.
        var poisson = Math.Exp(k * Math.Log(mean) - mean - SpecialFunctions.GammaLn(k + 1));
        return Math.Pow(1 - dropout, k) * poisson + dropout * Math.Pow(1 - dropout, k - 1) * SpecialFunctions.GammaLowerRegularized(k, mean);
    }

    /// <summary>E[f(λ, p) · 1{alive at T} + <paramref name="ifDead"/> · 1{dead at T} | history].</summary>
    public double Expectation(Func<double, double, double> ifAlive, double ifDead) => _grid.Expectation(ifAlive, ifDead);

    private static double Softplus(double w) => w > 0 ? w + Math.Log(1 + Math.Exp(-w)) : Math.Log(1 + Math.Exp(w));
}
