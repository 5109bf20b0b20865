namespace CltvDashboard.Domain.Transactions;

/// <summary>
/// The sufficient statistics of one customer's calibration-period purchases for the buy-till-you-die
/// models (BG/NBD, Pareto/NBD, MBG/NBD): (x, t_x, T) in Fader, Hardie &amp; Lee (2005).
/// </summary>
/// <param name="Frequency">x: repeat purchase occasions (the first purchase is not counted); 0 or more.</param>
/// <param name="Recency">t_x: time from the first to the last purchase occasion, in the model's time unit; 0 when x = 0.</param>
/// <param name="T">T: time from the first purchase to the end of the calibration period, in the same unit; T ≥ t_x.</param>
public readonly record struct PurchaseHistory(int Frequency, double Recency, double T)
{
    /// <summary>Throws a clear <see cref="ArgumentException"/> unless 0 ≤ t_x ≤ T, x ≥ 0, and all are finite.</summary>
    public void Validate()
    {
        if (Frequency < 0)
        {
            throw new ArgumentException($"Frequency must be 0 or more, was {Frequency}.");
        }

        if (!double.IsFinite(Recency) || !double.IsFinite(T) || Recency < 0 || T < 0)
        {
            throw new ArgumentException($"Recency and T must be finite and non-negative, were t_x = {Recency}, T = {T}.");
        }

        if (Recency > T * (1 + 1e-12) + 1e-12)
        {
            throw new ArgumentException($"Recency t_x = {Recency} cannot exceed the customer's age T = {T}.");
        }
    }
}
