namespace CltvDashboard.Infrastructure.Import;

/// <summary>What reading a file produced besides the rows themselves.</summary>
/// <param name="Layout">The layout the file was read as.</param>
/// <param name="Encoding">The text encoding found (utf-8, utf-16LE, utf-16BE).</param>
/// <param name="Delimiter">The field delimiter found.</param>
/// <param name="Currency">The dataset's currency, or null when no row fixed one.</param>
/// <param name="RowsRead">Data rows read from the file (lines after the header).</param>
/// <param name="RowsProduced">Rows handed out, refunds included.</param>
/// <param name="RowsRejected">Rows (orders, for grouped exports) rejected with a problem; <see cref="LinesRejected"/> counts their lines.</param>
/// <param name="DuplicatesSkipped">Rows skipped because they repeat an earlier row of the file.</param>
/// <param name="OrdersExcluded">Orders or payments left out by a business rule (cancelled, voided, test, unpaid).</param>
/// <param name="Exclusions">How many were left out for each reason.</param>
/// <param name="Problems">The first <see cref="ImportOptions.MaxProblemsKept"/> problems, in file order.</param>
public sealed record ImportReadSummary(
    ImportLayout Layout,
    string Encoding,
    char Delimiter,
    string? Currency,
    long RowsRead,
    long RowsProduced,
    long RowsRejected,
    long DuplicatesSkipped,
    long OrdersExcluded,
    IReadOnlyDictionary<string, long> Exclusions,
    IReadOnlyList<ImportProblem> Problems)
{
    /// <summary>Lines that went into a row handed out (before the store's own dedupe).</summary>
    public long LinesUsed { get; init; }

    /// <summary>Lines of rejected rows or orders: every line of a rejected order.</summary>
    public long LinesRejected { get; init; }

    /// <summary>Lines of orders left out by a business rule (<see cref="Exclusions"/>).</summary>
    public long LinesExcluded { get; init; }

    /// <summary>Lines of orders listed again in the file, skipped: the lines neither used, rejected nor excluded.</summary>
    public long LinesDuplicate => RowsRead - LinesUsed - LinesRejected - LinesExcluded;

    /// <summary>The rejected lines by reason (<see cref="ImportProblem.Reason"/>), most lines first.</summary>
    public IReadOnlyList<RejectedLines> RejectedByReason { get; init; } = [];
}

/// <summary>The lines rejected for one reason.</summary>
/// <param name="Reason">One of <see cref="RejectionReason"/>'s.</param>
/// <param name="Lines">How many lines.</param>
/// <param name="Value">
/// What they were worth in the dataset's currency, as far as their amounts could be read (a line item's quantity times
/// its price, else the order's amount); null for lines in another currency, which are never summed.
/// </param>
public sealed record RejectedLines(string Reason, long Lines, decimal? Value);
