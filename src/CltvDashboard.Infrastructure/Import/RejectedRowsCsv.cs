using CltvDashboard.Infrastructure.Csv;
using CltvDashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// The rejected rows of an import as a CSV to download, fix and import again: <c>line,column,reason</c>, then the
/// row's own fields under the file's own header.
/// </summary>
/// <remarks>
/// UTF-8 with a byte order mark (spreadsheets read it as UTF-8 then), CRLF line ends, written by
/// <see cref="CsvWriter"/>. Rows are streamed from the store in line order, never held all at once. The row's own
/// fields are the file's text as it was read, so a formula-like one is neutralised like any text cell
/// (<see cref="CsvCell.Text"/>); a negative amount therefore reads <c>'-5.00</c>.
/// </remarks>
public static class RejectedRowsCsv
{
    /// <summary>The columns written before the row's own.</summary>
    public static readonly IReadOnlyList<string> LeadingColumns = ["line", "column", "reason"];

    private static readonly CsvFormat Format = new("\r\n", ByteOrderMark: true);

    /// <summary>Writes the rejected rows of one import batch.</summary>
    /// <param name="db">The store.</param>
    /// <param name="batchId">The import batch's key.</param>
    /// <param name="output">Receives the CSV; left open.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>The number of rows written, the header excluded.</returns>
    /// <exception cref="KeyNotFoundException">The store has no such batch.</exception>
    public static async Task<long> WriteAsync(CltvDbContext db, long batchId, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(output);
        var batch = await db.ImportBatches.AsNoTracking()
            .Where(b => b.Id == batchId)
            .Select(b => new { b.Header })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"There is no import batch {batchId}.");

        var header = batch.Header is null ? [] : RawRecordFormat.Decode(batch.Header);
        var problems = db.ImportProblems.AsNoTracking()
            .Where(p => p.ImportBatchId == batchId)
            .OrderBy(p => p.LineNumber).ThenBy(p => p.Id)
            .Select(p => new { p.LineNumber, p.Column, p.Message, p.RawRecord })
            .AsAsyncEnumerable()
            .Select(p => (CsvCell[])
            [
                CsvCell.Number(p.LineNumber), CsvCell.Text(p.Column), CsvCell.Text(p.Message),
                .. (p.RawRecord is null ? [] : RawRecordFormat.Decode(p.RawRecord)).Select(CsvCell.Text),
            ]);
        return await CsvWriter.WriteAsync(output, LeadingColumns.Concat(header), problems, Format, cancellationToken).ConfigureAwait(false);
    }
}
