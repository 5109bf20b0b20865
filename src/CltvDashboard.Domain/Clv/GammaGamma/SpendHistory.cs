using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv.GammaGamma;

/// <summary>What the Gamma-Gamma spend model needs of one customer: how many repeat purchases, and their mean value.</summary>
/// <param name="Frequency">x: repeat purchase occasions in the calibration period (the first purchase not counted); 0 or more.</param>
/// <param name="MonetaryValue">
/// m̄: mean value of those x repeat occasions, in the data's currency; finite and ≥ 0 (0 when x = 0).
/// </param>
public readonly record struct SpendHistory(int Frequency, double MonetaryValue)
{
    /// <summary>The customer's x and m̄ from a transaction summary.</summary>
    public static SpendHistory From(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new SpendHistory(customer.Frequency, customer.MonetaryValue);
    }
}
