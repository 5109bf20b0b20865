namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>A row of an import that was refused, with where in the file and why.</summary>
public class ImportProblem
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>The import.</summary>
    public long ImportBatchId { get; set; }

    /// <summary>The import.</summary>
    public ImportBatch? ImportBatch { get; set; }

    /// <summary>The line in the file, 1 for the header.</summary>
    public long LineNumber { get; set; }

    /// <summary>The column's header, when one column is at fault.</summary>
    public string? Column { get; set; }

    /// <summary>What is wrong, in words a user can act on.</summary>
    public required string Message { get; set; }

    /// <summary>
    /// The row as it was in the file, so that rejected rows can be downloaded and fixed: its fields comma-separated
    /// and quoted as in RFC 4180 whatever the file's delimiter, bounded in size (see <see cref="Import.ImportProblem.RawRecord"/>).
    /// </summary>
    public string? RawRecord { get; set; }
}
