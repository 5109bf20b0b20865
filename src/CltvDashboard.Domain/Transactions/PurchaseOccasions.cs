namespace CltvDashboard.Domain.Transactions;

/// <summary>
/// The one rule that turns a customer's rows into purchase occasions (customer-days), shared by the summaries and
/// by anything that replays one customer's history, so that both count the same purchases.
/// </summary>
public static class PurchaseOccasions
{
    /// <summary>
    /// Whether a customer-day is a purchase occasion: it has a purchase (amount ≥ 0) that its same-day refunds do not
    /// cancel (net ≤ 0); a day of refunds alone refunds an earlier order and is never an occasion.
    /// </summary>
    /// <param name="hasPurchase">The day has a row with amount ≥ 0.</param>
    /// <param name="hasRefund">The day has a row with a negative amount.</param>
    /// <param name="net">The day's rows summed.</param>
    public static bool IsOccasion(bool hasPurchase, bool hasRefund, decimal net) => hasPurchase && (!hasRefund || net > 0);

    /// <summary>One customer's occasions, oldest first, each with its day's net amount.</summary>
    /// <param name="rows">The customer's rows (day, amount), any order.</param>
    public static IReadOnlyList<(DateOnly Day, decimal Net)> Of(IEnumerable<(DateOnly Day, decimal Amount)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows
            .GroupBy(r => r.Day)
            .Select(g => (Day: g.Key, Net: g.Sum(r => r.Amount), Purchase: g.Any(r => r.Amount >= 0), Refund: g.Any(r => r.Amount < 0)))
            .Where(d => IsOccasion(d.Purchase, d.Refund, d.Net))
            .OrderBy(d => d.Day)
            .Select(d => (d.Day, d.Net))
            .ToList();
    }
}
