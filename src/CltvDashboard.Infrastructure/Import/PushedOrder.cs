namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// One order a store pushed through the API, its values as the sender wrote them: they are judged by the import's
/// rules (<see cref="TransactionFileReader"/>), as the same fields of a file would be.
/// </summary>
/// <param name="OrderId">The order's id in the store: the same order sent again is recognised by it.</param>
/// <param name="CustomerId">The customer's id in the store.</param>
/// <param name="OccurredAt">When the order was placed, ideally with its offset (<c>2025-01-01T10:00:00+01:00</c>); without one, on the business's clock.</param>
/// <param name="Amount">What the customer paid, in <paramref name="Currency"/>; negative for a refund.</param>
/// <param name="Currency">The ISO 4217 code; null for the dataset's (or the currency setting's, on an empty store).</param>
/// <param name="Channel">The sales channel, if any.</param>
/// <param name="Status">The order's status (paid, refunded, cancelled, ...), read as an export's status column; null for a sale.</param>
public sealed record PushedOrder(
    string? OrderId, string? CustomerId, string? OccurredAt, decimal? Amount, string? Currency, string? Channel, string? Status)
{
    /// <summary>The customer's e-mail address, if sent; stored on the customer as an uploaded file's e-mail column is.</summary>
    public string? Email { get; init; }

    /// <summary>The customer's name, if sent; stored like <see cref="Email"/>.</summary>
    public string? Name { get; init; }
}

/// <summary>What was wrong with one order of a pushed batch.</summary>
/// <param name="Index">The order's 0-based position in the batch; null when the batch as a whole is at fault.</param>
/// <param name="Field">The field at fault, as the request names it (<c>occurredAt</c>); empty when the whole order is.</param>
/// <param name="Message">What is wrong, in the import report's words.</param>
public sealed record PushedOrderError(int? Index, string Field, string Message);

/// <summary>How a pushed batch ended.</summary>
public enum PushOutcome
{
    /// <summary>Every order was judged usable; the new ones were stored in one transaction.</summary>
    Stored,

    /// <summary>At least one order was rejected: nothing of the batch was stored.</summary>
    Invalid,

    /// <summary>The store holds only the demo data, which never mixes with the business's own: nothing was stored.</summary>
    DemoOnly,
}

/// <summary>What became of a pushed batch.</summary>
/// <param name="Outcome">Stored, invalid or refused.</param>
/// <param name="Received">Orders in the batch.</param>
/// <param name="Imported">Transactions stored (a refunded order is a sale and a refund).</param>
/// <param name="Duplicates">Transactions the store already held, or repeated within the batch, and skipped.</param>
/// <param name="Rejected">Orders rejected; nothing is stored when there is any.</param>
/// <param name="Errors">Each rejected order's field and reason, or the batch's when it is refused whole.</param>
public sealed record PushResult(PushOutcome Outcome, int Received, long Imported, long Duplicates, long Rejected, IReadOnlyList<PushedOrderError> Errors);
