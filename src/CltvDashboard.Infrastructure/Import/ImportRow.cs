namespace CltvDashboard.Infrastructure.Import;

/// <summary>Whether a row adds revenue or takes it back.</summary>
public enum ImportRowKind
{
    /// <summary>A purchase: the amount is positive (or zero).</summary>
    Sale,

    /// <summary>Money returned to the customer or a cancelled invoice: the amount is negative.</summary>
    Refund,
}

/// <summary>One normalised transaction read from an uploaded file, ready for the store.</summary>
/// <param name="CustomerKey">The customer's identifier as the file gives it (external id or email), trimmed; never empty.</param>
/// <param name="OccurredAt">When the transaction happened, with the file's offset when it has one, else the business time zone's.</param>
/// <param name="Amount">The signed amount in <paramref name="Currency"/>: refunds and cancellations are negative.</param>
/// <param name="Currency">The ISO 4217 code, upper case; the same for every row of a dataset.</param>
/// <param name="OrderReference">
/// The order, invoice or payment id when the export has one; refund rows carry the order's reference followed by
/// <c>:refund</c>, so that each row's reference is unique and the store can dedupe on it.
/// </param>
/// <param name="Channel">The sales channel or source when the export names one.</param>
/// <param name="Quantity">The number of items when the export gives it (summed over an order's line items).</param>
/// <param name="Line">The 1-based line of the file the row comes from (an order's first line for grouped exports).</param>
/// <param name="ContentHash">
/// SHA-256, lower-case hex, of the normalised fields: the store keeps one transaction per hash. Identical rows
/// without an order reference are separate purchases; the store tells them apart by their occurrence in the file
/// (see <see cref="TransactionFileReader"/> and <see cref="MayRepeat"/>).
/// </param>
/// <param name="Kind">Sale or refund.</param>
public sealed record ImportRow(
    string CustomerKey,
    DateTimeOffset OccurredAt,
    decimal Amount,
    string Currency,
    string? OrderReference,
    string? Channel,
    decimal? Quantity,
    long Line,
    string ContentHash,
    ImportRowKind Kind)
{
    /// <summary>
    /// Whether an earlier row of the file may have the same hash (false: certainly none has). Only rows without an
    /// order reference are marked; the store numbers the occurrences of the hashes so marked before it merges them.
    /// </summary>
    public bool MayRepeat { get; init; }

    /// <summary>
    /// The customer's e-mail address when the source carries one, as given: the store keeps it normalised
    /// (<see cref="CustomerContact.Email"/>) on the customer, the latest non-empty value winning. Not part of
    /// <see cref="ContentHash"/>: a contact is the customer's, not the transaction's.
    /// </summary>
    public string? Email { get; init; }

    /// <summary>The customer's name when the source carries one, as given; kept like <see cref="Email"/>.</summary>
    public string? Name { get; init; }
}
