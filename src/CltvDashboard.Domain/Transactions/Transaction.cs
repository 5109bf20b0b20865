namespace CltvDashboard.Domain.Transactions;

/// <summary>
/// One row of a transaction log: who bought, when, and for how much.
/// </summary>
/// <param name="CustomerId">The business's identifier of the customer; compared ordinally.</param>
/// <param name="Timestamp">
/// When the transaction happened, in the business's local time: the calendar day of this value is the
/// purchase occasion the row belongs to.
/// </param>
/// <param name="Amount">
/// The transaction's value in the dataset's currency. Zero is a purchase with no value (a free item);
/// negative is a refund (see <see cref="CustomerSummaryBuilder"/> for how refunds are counted).
/// </param>
public readonly record struct Transaction(string CustomerId, DateTime Timestamp, decimal Amount);
