using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>One upload of a file: what it was, who sent it, how it went and what it counted.</summary>
public class ImportBatch
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>The uploaded file's name, without its folder.</summary>
    public required string FileName { get; set; }

    /// <summary>Hex SHA-256 of the file's bytes.</summary>
    public required string Checksum { get; set; }

    /// <summary>Who started the import: a user name, or the command line.</summary>
    public required string ImportedBy { get; set; }

    /// <summary>When the import started, in UTC.</summary>
    public DateTime StartedAtUtc { get; set; }

    /// <summary>When the import ended, successfully or not, in UTC; null while it runs.</summary>
    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>Where the import stands.</summary>
    public ImportStatus Status { get; set; }

    /// <summary>Whether the rows were added to the dataset or replaced it.</summary>
    public ImportMode Mode { get; set; }

    /// <summary>Data rows read from the file, the header excluded.</summary>
    public long RowsRead { get; set; }

    /// <summary>Transactions stored.</summary>
    public long RowsImported { get; set; }

    /// <summary>Rows skipped because the dataset already held them.</summary>
    public long DuplicatesSkipped { get; set; }

    /// <summary>Rows refused (orders, for exports that spread an order over lines); each line has an <see cref="ImportProblem"/>.</summary>
    public long RowsRejected { get; set; }

    /// <summary>Lines of the file that went into a transaction (before the dataset's own dedupe).</summary>
    public long LinesUsed { get; set; }

    /// <summary>Lines refused, every line of a refused order counted.</summary>
    public long LinesRejected { get; set; }

    /// <summary>Lines of orders left out by a rule (cancelled, test, unpaid…).</summary>
    public long LinesExcluded { get; set; }

    /// <summary>The refused lines by reason with their value, as the report shows them; empty before the import ends.</summary>
    public List<RejectedLines> RejectedByReason { get; set; } = [];

    /// <summary>Orders among the sales stored: distinct order references, a sale without one counting as one.</summary>
    public long OrdersImported { get; set; }

    /// <summary>Customers new to the dataset.</summary>
    public long CustomersAdded { get; set; }

    /// <summary>The sum of the amounts stored, refunds deducted, in <see cref="Currency"/>.</summary>
    public decimal NetRevenue { get; set; }

    /// <summary>The refunds and cancellations among them, as a positive sum.</summary>
    public decimal Refunds { get; set; }

    /// <summary>The first and last purchase day of the transactions stored, in the business's time zone.</summary>
    public DateOnly? FirstDay { get; set; }

    /// <inheritdoc cref="FirstDay"/>
    public DateOnly? LastDay { get; set; }

    /// <summary>The currency of the rows read (ISO 4217), when any row fixed one.</summary>
    public string? Currency { get; set; }

    /// <summary>The column mapping and parsing options used, as JSON, so that the import can be explained later.</summary>
    public string? SettingsJson { get; set; }

    /// <summary>
    /// The file's header row, its columns comma-separated and quoted as in RFC 4180 (the form of
    /// <see cref="ImportProblem.RawRecord"/>); null when the file had no readable header.
    /// </summary>
    public string? Header { get; set; }

    /// <summary>Why the import failed as a whole, when it did.</summary>
    public string? FailureMessage { get; set; }

    /// <summary>The saved upload the web application imported; null for the command line.</summary>
    public Guid? UploadId { get; set; }

    /// <summary>The dataset a successful import stored its rows in; null for an import that stored nothing.</summary>
    public long? DatasetId { get; set; }

    /// <summary>For an <see cref="ImportStatus.Interrupted"/> batch, the import of the same upload that redid it.</summary>
    public long? RedoneByBatchId { get; set; }

    /// <summary>The rows that were refused or warned about.</summary>
    public ICollection<ImportProblem> Problems { get; } = [];
}

/// <summary>Where an import stands.</summary>
public enum ImportStatus
{
    /// <summary>Started and not finished.</summary>
    Running,

    /// <summary>Committed.</summary>
    Succeeded,

    /// <summary>Rolled back; the dataset is as it was before.</summary>
    Failed,

    /// <summary>
    /// Cut off by a process that stopped (a crash, a kill, a power cut) before it committed: nothing of it was stored, and
    /// the upload was imported again (<see cref="ImportBatch.RedoneByBatchId"/>).
    /// </summary>
    Interrupted,
}

/// <summary>How an import's rows meet the rows already stored.</summary>
public enum ImportMode
{
    /// <summary>Added to the dataset; rows already there are skipped as duplicates.</summary>
    Append,

    /// <summary>The dataset's transactions are replaced by the file's.</summary>
    Replace,
}
