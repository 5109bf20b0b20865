namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// The columns of a file the user confirmed, by header text (compared trimmed and ignoring case). Rows are then
/// read one transaction per row, without grouping; a status column is interpreted as in
/// <see cref="TransactionFileReader"/>'s rules.
/// </summary>
/// <param name="Customer">The column identifying the customer (id or email).</param>
/// <param name="Date">The column with the date or date and time.</param>
/// <param name="Amount">The column with the amount of the transaction.</param>
public sealed record ColumnMapping(string Customer, string Date, string Amount)
{
    /// <summary>The order, invoice or payment id, if any.</summary>
    public string? OrderReference { get; init; }

    /// <summary>The sales channel or source, if any.</summary>
    public string? Channel { get; init; }

    /// <summary>The order or payment status, if any (cancelled, refunded, ... are handled by rule).</summary>
    public string? Status { get; init; }

    /// <summary>The ISO currency code, if any.</summary>
    public string? Currency { get; init; }

    /// <summary>The number of items, if any.</summary>
    public string? Quantity { get; init; }

    /// <summary>A separate time-of-day column, if any.</summary>
    public string? Time { get; init; }

    /// <summary>The customer's e-mail address, if any (kept on the customer, never part of a transaction).</summary>
    public string? Email { get; init; }

    /// <summary>The customer's name, if any (kept on the customer, never part of a transaction).</summary>
    public string? Name { get; init; }
}
