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
}
