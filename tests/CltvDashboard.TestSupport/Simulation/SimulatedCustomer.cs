using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// One simulated customer in continuous time: what a fitter sees, what the holdout period brought, and the latent
/// traits the process drew, against which estimates can be checked. Times are in the scenario's unit.
/// </summary>
/// <param name="History">(x, t_x, T) in continuous time, without rounding to days.</param>
/// <param name="AcquisitionTime">When the customer was acquired (first purchase), from the start of acquisition.</param>
/// <param name="MeanRepeatSpend">Mean value of the repeat purchases in the calibration period (the first excluded); 0 when x = 0 or without a spend process.</param>
/// <param name="HoldoutPurchases">Purchases in (T, T + holdout length].</param>
/// <param name="HoldoutSpend">Total value of those purchases; 0 without a spend process.</param>
/// <param name="PurchaseRate">λ: the purchase rate the customer drew, per time unit.</param>
/// <param name="SpendScale">ν: the rate of the customer's transaction values; 0 without a spend process.</param>
/// <param name="DropoutTime">
/// When the customer became inactive, from acquisition (0 for an MBG/NBD customer lost right after the first
/// purchase), or +∞ when still active at the end of the holdout period.
/// </param>
public readonly record struct SimulatedCustomer(
    PurchaseHistory History,
    double AcquisitionTime,
    double MeanRepeatSpend,
    int HoldoutPurchases,
    double HoldoutSpend,
    double PurchaseRate,
    double SpendScale,
    double DropoutTime)
{
    /// <summary>Whether the customer was still active at the calibration end T: the truth P(alive) estimates.</summary>
    public bool IsActiveAtCalibrationEnd => DropoutTime > History.T;
}
