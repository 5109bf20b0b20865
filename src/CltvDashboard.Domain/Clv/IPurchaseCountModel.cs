using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv;

/// <summary>
/// A fitted buy-till-you-die purchase-count model (BG/NBD, Pareto/NBD, MBG/NBD): its parameters and the
/// per-customer quantities every valuation needs. Times are in the unit the model was fitted in.
/// </summary>
public interface IPurchaseCountModel
{
    /// <summary>The model's short name: <c>bgnbd</c>, <c>paretonbd</c> or <c>mbgnbd</c>.</summary>
    string Name { get; }

    /// <summary>The parameters by their names in the literature (r, alpha, a, b / r, alpha, s, beta).</summary>
    IReadOnlyDictionary<string, double> ParameterValues { get; }

    /// <summary>P(alive | x, t_x, T): the probability that the customer has not dropped out by T.</summary>
    double ProbabilityAlive(PurchaseHistory customer);

    /// <summary>E[Y(t) | x, t_x, T]: expected purchases in (T, T + t].</summary>
    double ExpectedPurchases(PurchaseHistory customer, double t);

    /// <summary>
    /// E[Y(t) | active at T, x, T]: expected purchases in (T, T + t] of a customer known to be active at T. For every
    /// model here <see cref="ExpectedPurchases"/> = <see cref="ProbabilityAlive"/> × this, and this part does not
    /// depend on t_x, so callers valuing many customers evaluate it once per (x, T).
    /// </summary>
    /// <param name="frequency">x: repeat purchases in the calibration period.</param>
    /// <param name="age">T: time from the first purchase to the calibration end.</param>
    /// <param name="t">Length of the forecast period.</param>
    double ExpectedPurchasesIfAlive(int frequency, double age, double t);

    /// <summary>E[X(t)]: expected repeat purchases in (0, t] of a customer acquired at time 0.</summary>
    double ExpectedPurchasesNewCustomer(double t);

    /// <summary>
    /// P(X(T, T + t] = k | x, t_x, T): the probability of exactly <paramref name="k"/> purchases in the <paramref name="t"/>
    /// time units after the history, mixing over the posterior of the customer's purchase rate and dropout.
    /// </summary>
    /// <param name="customer">The customer's x, t_x and T, in this model's time unit.</param>
    /// <param name="t">Length of the period after T, in this model's time unit; finite and ≥ 0.</param>
    /// <param name="k">The number of purchases, ≥ 0.</param>
    /// <returns>A probability in [0, 1]; over k = 0, 1, 2, … they sum to 1.</returns>
    double PurchaseCountProbability(PurchaseHistory customer, double t, int k);

    /// <summary>
    /// P(X(T, T + t] = k | active at T, x, T) for k = 0, 1, 2, … in turn, for a customer known to be active at T, until
    /// they add up to <paramref name="mass"/> or <paramref name="probabilities"/> is full. For every model here
    /// <see cref="PurchaseCountProbability"/> for k ≥ 1 is <see cref="ProbabilityAlive"/> × this, and this part does not
    /// depend on t_x, so callers ranging many customers evaluate it once per (x, T). The default divides the two for a
    /// history whose last purchase is at T.
    /// </summary>
    /// <param name="frequency">x: repeat purchases in the calibration period.</param>
    /// <param name="age">T: time from the first purchase to the calibration end.</param>
    /// <param name="t">Length of the period after T; finite and ≥ 0.</param>
    /// <param name="mass">Stop once the probabilities written add up to this, in (0, 1].</param>
    /// <param name="probabilities">Receives P(k | active) at index k.</param>
    /// <returns>How many probabilities were written: one more than the last k.</returns>
    int PurchaseCountProbabilitiesIfAlive(int frequency, double age, double t, double mass, Span<double> probabilities)
    {
        var lastAtAge = new PurchaseHistory(frequency, frequency == 0 ? 0 : age, age);
        var alive = ProbabilityAlive(lastAtAge);
        var total = 0.0;
        for (var k = 0; k < probabilities.Length; k++)
        {
            var probability = k == 0
                ? 1 - ProbabilityOfPurchaseIfAlive(frequency, age, t)
                : alive > 0 ? Math.Clamp(PurchaseCountProbability(lastAtAge, t, k) / alive, 0, 1) : 0;
            probabilities[k] = probability;
            total += probability;
            if (total >= mass)
            {
                return k + 1;
            }
        }

        return probabilities.Length;
    }

    /// <summary>
    /// P(X(T, T + t] ≥ 1 | x, t_x, T), the chance of buying again: the probability of at least one purchase in the
    /// <paramref name="t"/> time units after the history. It rises with t towards a limit below 1 (a customer may
    /// already be gone, or go before buying again), and falls with a low purchase rate even when nobody drops out.
    /// </summary>
    /// <param name="customer">The customer's x, t_x and T, in this model's time unit.</param>
    /// <param name="t">Length of the period after T, in this model's time unit; finite and ≥ 0, or +∞ for the limit.</param>
    /// <returns>A probability in [0, 1]; 0 when t = 0.</returns>
    double ProbabilityOfPurchase(PurchaseHistory customer, double t);

    /// <summary>
    /// P(X(T, T + t] ≥ 1 | active at T, x, T): the chance of buying again of a customer known to be active at T. For
    /// every model here <see cref="ProbabilityOfPurchase"/> = <see cref="ProbabilityAlive"/> × this, and this part does
    /// not depend on t_x, so callers judging many customers evaluate it once per (x, T). The default divides the two
    /// for a history whose last purchase is at T.
    /// </summary>
    /// <param name="frequency">x: repeat purchases in the calibration period.</param>
    /// <param name="age">T: time from the first purchase to the calibration end.</param>
    /// <param name="t">Length of the period after T; finite and ≥ 0, or +∞ for the limit.</param>
    double ProbabilityOfPurchaseIfAlive(int frequency, double age, double t)
    {
        var lastAtAge = new PurchaseHistory(frequency, frequency == 0 ? 0 : age, age);
        var alive = ProbabilityAlive(lastAtAge);
        return alive > 0 ? Math.Clamp(ProbabilityOfPurchase(lastAtAge, t) / alive, 0, 1) : 0;
    }

    /// <summary>
    /// The time t &gt; 0 at which <see cref="ProbabilityOfPurchaseIfAlive"/> reaches <paramref name="chance"/>; null when it
    /// never does. The default searches by bisection, which every model can use because the chance rises with t.
    /// </summary>
    /// <param name="frequency">x: repeat purchases in the calibration period.</param>
    /// <param name="age">T: time from the first purchase to the calibration end.</param>
    /// <param name="chance">The chance sought, in (0, 1].</param>
    /// <returns>The time in this model's unit; null when the chance is never reached.</returns>
    double? TimeToChanceIfAlive(int frequency, double age, double chance) =>
        NextPurchase.SolveIncreasing(t => ProbabilityOfPurchaseIfAlive(frequency, age, t), chance, ProbabilityOfPurchaseIfAlive(frequency, age, double.PositiveInfinity));
}
