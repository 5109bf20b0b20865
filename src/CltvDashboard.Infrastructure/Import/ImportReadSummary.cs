namespace CltvDashboard.Infrastructure.Import;

/// <summary>What reading a file produced besides the rows themselves.</summary>
/// <param name="Layout">The layout the file was read as.</param>
/// <param name="Encoding">The text encoding found (utf-8, utf-16LE, utf-16BE).</param>
/// <param name="Delimiter">The field delimiter found.</param>
/// <param name="Currency">The dataset's currency, or null when no row fixed one.</param>
/// <param name="RowsRead">Data rows read from the file (lines after the header).</param>
/// <param name="RowsProduced">Rows handed out, refunds included.</param>
/// <param name="RowsRejected">Rows (orders, for grouped exports) rejected with a problem.</param>
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
    IReadOnlyList<ImportProblem> Problems);
