namespace CltvDashboard.Domain.Transactions;

/// <summary>
/// One customer's purchase history reduced to what the RFM, BG/NBD-family and Gamma-Gamma models need.
/// Purchase occasions are customer-days: several transactions on one day are one occasion, amounts summed.
/// </summary>
/// <param name="CustomerId">The customer's identifier as given in the transaction log.</param>
/// <param name="FirstPurchase">Day of the first purchase occasion (acquisition).</param>
/// <param name="LastPurchase">Day of the last purchase occasion on or before the calibration end.</param>
/// <param name="Frequency">x: repeat purchase occasions in the calibration period.</param>
/// <param name="Recency">t_x: time from the first to the last occasion, in <see cref="TransactionSummary.TimeUnit"/>.</param>
/// <param name="T">T: time from the first occasion to the calibration end, in the same unit.</param>
/// <param name="MonetaryValue">Mean value of the repeat occasions (the first excluded); 0 when x = 0.</param>
/// <param name="Revenue">Net revenue in the calibration period: all occasions, refunds deducted.</param>
/// <param name="HoldoutFrequency">Purchase occasions after the calibration end, up to the observation end.</param>
/// <param name="HoldoutRevenue">Net revenue after the calibration end, up to the observation end.</param>
public sealed record CustomerSummary(
    string CustomerId,
    DateOnly FirstPurchase,
    DateOnly LastPurchase,
    int Frequency,
    double Recency,
    double T,
    double MonetaryValue,
    decimal Revenue,
    int HoldoutFrequency,
    decimal HoldoutRevenue)
{
    /// <summary>All purchase occasions in the calibration period, the first included (x + 1).</summary>
    public int PurchaseOccasions => Frequency + 1;

    /// <summary>The (x, t_x, T) triple the count models are fitted on.</summary>
    public PurchaseHistory History => new(Frequency, Recency, T);
}
