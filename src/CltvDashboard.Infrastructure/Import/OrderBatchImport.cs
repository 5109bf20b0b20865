using System.Globalization;
using System.Text;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// Stores a batch of orders pushed through the API, all or nothing: every order is judged by the import's rules and
/// messages, and the batch is stored only when none is rejected; an order the store already holds is a duplicate, so
/// a batch sent again adds nothing, and an order id it holds with other figures is rejected.
/// </summary>
/// <remarks>
/// The batch is written as a file in the mapped layout, one column per field named as the request names it, and read
/// by <see cref="TransactionFileReader"/> and stored by <see cref="TransactionImporter"/>, exactly as an upload is:
/// the rules (dates, amounts, currencies of the dataset, statuses, limits, repeats) live in the reader, and a second
/// rendering of them for JSON would drift from the first. Each problem's line gives the order's index (line 2 is
/// the first order) and its column the field.
/// </remarks>
public sealed class OrderBatchImport(CltvContextFactory contexts, DatasetImport datasets, TimeProvider time)
{
    /// <summary>The request's field names, which are the columns of the batch's file and so the fields problems name.</summary>
    public static class Fields
    {
        /// <summary>The order id.</summary>
        public const string OrderId = "orderId";

        /// <summary>The customer id.</summary>
        public const string CustomerId = "customerId";

        /// <summary>When the order was placed.</summary>
        public const string OccurredAt = "occurredAt";

        /// <summary>The amount paid.</summary>
        public const string Amount = "amount";

        /// <summary>The ISO currency code.</summary>
        public const string Currency = "currency";

        /// <summary>The sales channel.</summary>
        public const string Channel = "channel";

        /// <summary>The order's status.</summary>
        public const string Status = "status";

        /// <summary>The customer's e-mail address.</summary>
        public const string Email = "email";

        /// <summary>The customer's name.</summary>
        public const string Name = "name";
    }

    /// <summary>Why a batch is refused while the store holds only the demo.</summary>
    public const string DemoOnlyMessage =
        "The store holds only the demo data, which never mixes with your own: remove the demo data (Analysts, on the start page or /Imports) "
        + "or upload your own file first, then push orders again. Nothing of this batch was stored.";

    private const string ControlCharacter = "the value holds a control character (a line break, a tab, a NUL); none belongs in it";

    private const string ChangedOrder =
        "the store already holds this order id with other figures (customer, time, amount, currency or channel); a push does not change a stored order";

    private const string MissingOrderId = "the order id is empty; a batch sent again is recognised by its orders' ids";

    private static readonly ColumnMapping Mapping = new(Fields.CustomerId, Fields.OccurredAt, Fields.Amount)
    {
        OrderReference = Fields.OrderId,
        Currency = Fields.Currency,
        Channel = Fields.Channel,
        Status = Fields.Status,
        Email = Fields.Email,
        Name = Fields.Name,
    };

    private static readonly string[] Columns =
        [Fields.OrderId, Fields.CustomerId, Fields.OccurredAt, Fields.Amount, Fields.Currency, Fields.Channel, Fields.Status, Fields.Email, Fields.Name];

    // The line of the batch's file that holds its first order, the header being line 1.
    private const int FirstOrderLine = 2;

    /// <summary>Judges a batch and, when no order is rejected, stores it in one transaction.</summary>
    /// <param name="orders">The orders, in the sender's order.</param>
    /// <param name="source">What sent it, recorded as the import's file name (e.g. <c>api-token-12</c>); no personal data.</param>
    /// <param name="importedBy">The user the sender acts as, recorded on the import.</param>
    /// <param name="otherErrors">Problems the caller found in the contact fields (which it also normalised); the batch is stored only without any.</param>
    /// <param name="cancellationToken">Cancels the work; nothing is stored then.</param>
    public async Task<PushResult> ImportAsync(
        IReadOnlyList<PushedOrder> orders, string source, string? importedBy, IReadOnlyList<PushedOrderError> otherErrors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(otherErrors);
        if (orders.Count == 0)
        {
            return Invalid(orders.Count, [new PushedOrderError(null, "orders", "the batch holds no order")]);
        }

        if ((await datasets.CurrentDatasetAsync(cancellationToken).ConfigureAwait(false))?.Kind == DatasetKind.Demo)
        {
            return new PushResult(PushOutcome.DemoOnly, orders.Count, 0, 0, 0, [new PushedOrderError(null, string.Empty, DemoOnlyMessage)]);
        }

        var controlCharacters = ControlCharacters(orders);
        var ownErrors = MissingOrderIds(orders).Concat(controlCharacters).Concat(otherErrors).ToList();
        if (controlCharacters.Count > 0)
        {
            // Such a value could break the batch's file apart; the orders are not read.
            return Invalid(orders.Count, [.. ownErrors.OrderBy(e => e.Index)]);
        }

        var file = ToFile(orders);
        var choices = new ImportChoices { Mapping = Mapping, DecimalSeparator = DecimalSeparator.Point };
        var options = await datasets.OptionsAsync(choices, ImportMode.Append, cancellationToken).ConfigureAwait(false);
        var (rejected, rows, fileError) = Judge(file, options);
        if (fileError is not null)
        {
            return Invalid(orders.Count, [.. ownErrors, new PushedOrderError(null, string.Empty, fileError)]);
        }

        var errors = ownErrors.Concat(rejected).OrderBy(e => e.Index).ToArray();
        if (errors.Length > 0)
        {
            return Invalid(orders.Count, errors);
        }

        var changed = await ChangedOrdersAsync(rows, cancellationToken).ConfigureAwait(false);
        if (changed.Count > 0)
        {
            return Invalid(orders.Count, changed);
        }

        if (rows.Count == 0)
        {
            // Every order was left out by a rule (cancelled, unpaid, test): a valid batch with nothing to store.
            return new PushResult(PushOutcome.Stored, orders.Count, 0, 0, 0, []);
        }

        var request = new ImportRequest(source, options, ImportMode.Append, importedBy) { AllRowsOrNone = true };
        try
        {
            using var stream = new MemoryStream(file, writable: false);
            var result = await new TransactionImporter(contexts.Database, time).ImportAsync(stream, request, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new PushResult(PushOutcome.Stored, orders.Count, result.TransactionsImported, result.DuplicatesSkipped, 0, []);
        }
        catch (ImportFileException e) when (e.Failure == ImportFailure.OtherDataset)
        {
            // The demo was loaded between the check above and the import's transaction.
            return new PushResult(PushOutcome.DemoOnly, orders.Count, 0, 0, 0, [new PushedOrderError(null, string.Empty, DemoOnlyMessage)]);
        }
        catch (ImportFileException e) when (e.Failure == ImportFailure.RowRejected)
        {
            // The dataset changed (its currency fixed by another import) between the judgement and the import's transaction.
            return Invalid(orders.Count, [new PushedOrderError(null, string.Empty, e.Message)]);
        }
    }

    private static PushResult Invalid(int received, IReadOnlyList<PushedOrderError> errors) =>
        new(PushOutcome.Invalid, received, 0, 0, errors.Where(e => e.Index is not null).Select(e => e.Index).Distinct().Count(), errors);

    // What the reader cannot know: a file may have orders without ids, a push may not, since its retries are recognised
    // by them.
    private static List<PushedOrderError> MissingOrderIds(IReadOnlyList<PushedOrder> orders) =>
        orders.Select((order, i) => (order, i))
            .Where(o => string.IsNullOrWhiteSpace(o.order?.OrderId))
            .Select(o => new PushedOrderError(o.i, Fields.OrderId, MissingOrderId))
            .ToList();

    // A control character (a line break, a NUL) belongs in no id, date or amount.
    private static List<PushedOrderError> ControlCharacters(IReadOnlyList<PushedOrder> orders) =>
        orders.Select((order, i) => (order, i))
            .Where(o => o.order is not null)
            .SelectMany(o => Values(o.order).Where(v => v.Value?.Any(char.IsControl) == true).Select(v => new PushedOrderError(o.i, v.Field, ControlCharacter)))
            .ToList();

    private static IEnumerable<(string Field, string? Value)> Values(PushedOrder order) =>
    [
        (Fields.OrderId, order.OrderId), (Fields.CustomerId, order.CustomerId), (Fields.OccurredAt, order.OccurredAt), (Fields.Currency, order.Currency),
        (Fields.Channel, order.Channel), (Fields.Status, order.Status), (Fields.Email, order.Email), (Fields.Name, order.Name),
    ];

    // The whole batch read as the import will read it, nothing stored: the rejected orders, the rows it gives, or why
    // it cannot be read at all.
    private static (IReadOnlyList<PushedOrderError> Rejected, IReadOnlyList<ImportRow> Rows, string? FileError) Judge(byte[] file, ImportOptions options)
    {
        var rejected = new List<PushedOrderError>();
        var rows = new List<ImportRow>();
        using var stream = new MemoryStream(file, writable: false);
        using var reader = TransactionFileReader.Open(stream, options);
        reader.OnRejected = problem => rejected.Add(new PushedOrderError(IndexOf(problem.Line), problem.Column, problem.Message));
        try
        {
            rows.AddRange(reader.ReadRows());
        }
        catch (ImportFileException e) when (e.Failure == ImportFailure.NoUsableRow)
        {
            // Said per order, or every order was left out by a rule.
        }
        catch (ImportFileException e)
        {
            return (rejected, [], e.Message);
        }

        return (rejected, rows, null);
    }

    // An order id the store holds under other figures (another amount, time, customer or channel, or the quantity an
    // uploaded export gave it) is refused rather than stored beside it: the same order would be counted twice. The
    // same figures again are a duplicate, which the import skips; a refund of a stored order is a row of its own
    // (the order id followed by :refund), so it goes in.
    private async Task<IReadOnlyList<PushedOrderError>> ChangedOrdersAsync(IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken)
    {
        var references = rows.Where(r => r.OrderReference is not null).Select(r => r.OrderReference!).Distinct(StringComparer.Ordinal).ToList();
        if (references.Count == 0)
        {
            return [];
        }

        var context = contexts.CreateDbContext();
        await using (context.ConfigureAwait(false))
        {
            var stored = await context.Transactions.AsNoTracking()
                .Where(t => t.OrderReference != null && references.Contains(t.OrderReference))
                .Select(t => new { t.OrderReference, t.ContentHash })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var hashes = stored.ToLookup(t => t.OrderReference!, t => t.ContentHash, StringComparer.Ordinal);
            return rows
                .Where(r => r.OrderReference is { } reference && hashes.Contains(reference) && !hashes[reference].Contains(r.ContentHash, StringComparer.Ordinal))
                .Select(r => new PushedOrderError(IndexOf(r.Line), Fields.OrderId, ChangedOrder))
                .DistinctBy(e => e.Index)
                .ToList();
        }
    }

    private static int IndexOf(long line) => (int)(line - FirstOrderLine);

    // RFC 4180, every value quoted, so that commas, quotes and semicolons in the values stay in their field.
    private static byte[] ToFile(IReadOnlyList<PushedOrder> orders)
    {
        var text = new StringBuilder(64 * (orders.Count + 1));
        text.AppendJoin(',', Columns).Append("\r\n");
        foreach (var order in orders)
        {
            if (order is null)
            {
                text.Append(',', Columns.Length - 1).Append("\r\n");
                continue;
            }

            Append(text, order.OrderId).Append(',');
            Append(text, order.CustomerId).Append(',');
            Append(text, order.OccurredAt).Append(',');
            Append(text, order.Amount?.ToString(CultureInfo.InvariantCulture)).Append(',');
            Append(text, order.Currency).Append(',');
            Append(text, order.Channel).Append(',');
            Append(text, order.Status).Append(',');
            Append(text, order.Email).Append(',');
            Append(text, order.Name).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static StringBuilder Append(StringBuilder text, string? value) =>
        value is null ? text : text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
}
