using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>What to import and how.</summary>
/// <param name="FileName">The uploaded file's name, without its folder; recorded on the import batch.</param>
/// <param name="Options">How to read the file.</param>
/// <param name="Mode">Whether the rows are added to the dataset or replace its transactions.</param>
/// <param name="ImportedBy">Who started the import; recorded as "unknown" when null.</param>
public sealed record ImportRequest(string FileName, ImportOptions Options, ImportMode Mode = ImportMode.Append, string? ImportedBy = null)
{
    /// <summary>
    /// The saved upload the file is, when it is one: an earlier import of the same upload still marked running was cut
    /// off by a stopped process, and this import is the one that redoes it.
    /// </summary>
    public Guid? UploadId { get; init; }

    /// <summary>Whether the file is the bundled demo or the business's own data; see <see cref="Dataset"/>.</summary>
    public DatasetKind Kind { get; init; } = DatasetKind.Own;

    /// <summary>
    /// Whether one rejected row fails the whole import, nothing of it stored (<see cref="ImportFailure.RowRejected"/>):
    /// a batch pushed through the API is all or nothing, so that the sender can fix it and send it again whole.
    /// </summary>
    public bool AllRowsOrNone { get; init; }
}

/// <summary>What a committed import did to the store.</summary>
/// <param name="BatchId">The import batch's key.</param>
/// <param name="Status">The batch's status, "Succeeded" for a returned result (failures throw).</param>
/// <param name="RowsRead">Data rows read from the file, the header excluded.</param>
/// <param name="Orders">
/// Orders among the sale rows this import added: distinct order references, each row without a reference counting as one.
/// </param>
/// <param name="TransactionsImported">Transactions (sales and refunds) this import added.</param>
/// <param name="Customers">Customers this import added to the store.</param>
/// <param name="NetRevenue">The sum of the amounts this import added, refunds deducted.</param>
/// <param name="DuplicatesSkipped">Rows repeated within the file plus rows the store already held.</param>
/// <param name="RowsRejected">Rows (orders, for grouped exports) refused with a problem; <see cref="LinesRejected"/> counts lines.</param>
/// <param name="Errors">The first 100 rejected rows with their line, column and reason.</param>
/// <param name="Layout">The layout the file was read as.</param>
/// <param name="Currency">The dataset's currency, or an empty string when no row fixed one.</param>
/// <remarks><see cref="DatasetId"/> is the generation the rows went into (new after a replacing import).</remarks>
public sealed record ImportResult(
    long BatchId,
    string Status,
    long RowsRead,
    long Orders,
    long TransactionsImported,
    long Customers,
    decimal NetRevenue,
    long DuplicatesSkipped,
    long RowsRejected,
    IReadOnlyList<ImportProblem> Errors,
    string Layout,
    string Currency)
{
    /// <summary>The dataset the rows went into: a new one after a replacing import or into an empty store.</summary>
    public long DatasetId { get; init; }

    /// <summary>Lines of the file that went into a transaction (before the dataset's dedupe).</summary>
    public long LinesUsed { get; init; }

    /// <summary>Lines refused, every line of a refused order counted.</summary>
    public long LinesRejected { get; init; }

    /// <summary>Lines of orders left out by a rule (cancelled, test, unpaid…).</summary>
    public long LinesExcluded { get; init; }

    /// <summary>The refused lines by reason, with their value.</summary>
    public IReadOnlyList<RejectedLines> RejectedByReason { get; init; } = [];

    /// <summary>The refunds and cancellations among the amounts added, as a positive sum.</summary>
    public decimal Refunds { get; init; }

    /// <summary>The first purchase day of the transactions added, in the business's time zone.</summary>
    public DateOnly? FirstDay { get; init; }

    /// <summary>The last purchase day of the transactions added, in the business's time zone.</summary>
    public DateOnly? LastDay { get; init; }
}

/// <summary>How far an import has gone.</summary>
/// <param name="RowsRead">Data rows read so far.</param>
/// <param name="BytesRead">Bytes taken from the upload so far (the parser reads ahead, so slightly beyond the rows).</param>
/// <param name="TotalBytes">The upload's size when the stream knows it.</param>
/// <param name="Stage">"Reading", "Merging" or "Done".</param>
public sealed record ImportProgress(long RowsRead, long BytesRead, long? TotalBytes, string Stage);
