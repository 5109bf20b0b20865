using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;
using MathNet.Numerics;

namespace CltvDashboard.Domain.Tests.Clv.ParetoNbd;

/// <summary>
/// One customer's posterior under the Pareto/NBD, integrated numerically over the purchase rate λ and the dropout rate
/// μ (<see cref="GridPosterior"/>, in ln λ and ln μ): no closed form of the model, only its definition. Prior
/// λ ~ Gamma(r, α), μ ~ Gamma(s, β); the history's likelihood has an alive part λ^x e^(−(λ+μ)T) and a dead part, death
/// in (t_x, T], λ^x μ/(λ+μ) (e^(−(λ+μ)t_x) − e^(−(λ+μ)T)).
/// </summary>
internal sealed class ParetoNbdPosterior
{
    private readonly GridPosterior _grid;

    public ParetoNbdPosterior(double r, double alpha, double s, double beta, PurchaseHistory history)
    {
        var (x, recency, age) = history;
        var shape = r + x;
        var rateCentre = Math.Log(shape / (alpha + age));
        var rateLargest = (shape + 30 * Math.Sqrt(shape) + 30) / (alpha + recency);
        var dropoutCentre = Math.Log(s / (beta + age));
        var dropoutLargest = (s + 1 + 30 * Math.Sqrt(s + 1) + 30) / (beta + recency);

        // Steps well inside the narrowest feature: the rate's posterior (width 1/√(r+x) in ln λ) and the Poisson
        // chances of a few purchases (about ½ in ln λ); in ln μ nothing is narrower than about 1.
        var rateAxis = new GridAxis(rateCentre - 30 / shape - 3, Math.Log(rateLargest), Math.Min(1 / Math.Sqrt(shape), 0.45) / 4, Math.Exp);
        var dropoutAxis = new GridAxis(dropoutCentre - 30 / s - 3, Math.Log(dropoutLargest), 0.2, Math.Exp);

        // The Jacobians λ and μ raise the prior's exponents by one.
        double LogAlive(double v, double u) => shape * v - (alpha + age) * Math.Exp(v) + s * u - (beta + age) * Math.Exp(u);
        double LogDead(double v, double u)
        {
            var total = Math.Exp(v) + Math.Exp(u);
            return shape * v - alpha * Math.Exp(v) + (s + 1) * u - beta * Math.Exp(u)
                - Math.Log(total) - total * recency + Math.Log(-SpecialFunctions.Expm1(-total * (age - recency)));
        }

        _grid = new GridPosterior(rateAxis, dropoutAxis, LogAlive, recency < age ? LogDead : null);
    }

    /// <summary>P(alive at T | history), from the integration.</summary>
    public double ProbabilityAlive => _grid.ProbabilityAlive;

    /// <summary>
    /// P(purchases in t = k | λ, μ, alive at T): the Poisson count up to the earlier of t and an exponential death;
    /// with death at τ &lt; t, ∫_0^t μe^(−μτ) e^(−λτ)(λτ)^k/k! dτ = μ/(λ+μ) (λ/(λ+μ))^k P(k+1, (λ+μ)t).
    /// </summary>
    public static double CountIfAlive(double rate, double dropout, double t, int k)
    {
        var mean = rate * t;
        var outlives = Math.Exp(-dropout * t + k * Math.Log(mean) - mean - SpecialFunctions.GammaLn(k + 1));
        var total = rate + dropout;
        var diesFirst = dropout / total * Math.Pow(rate / total, k) * SpecialFunctions.GammaLowerRegularized(k + 1, total * t);
        return outlives + diesFirst;
    }

    /// <summary>E[f(λ, μ) · 1{alive at T} + <paramref name="ifDead"/> · 1{dead at T} | history].</summary>
    public double Expectation(Func<double, double, double> ifAlive, double ifDead) => _grid.Expectation(ifAlive, ifDead);
}
