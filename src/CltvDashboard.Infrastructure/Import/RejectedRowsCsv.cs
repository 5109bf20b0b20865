using System.Globalization;
using System.Text;
using CltvDashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// The rejected rows of an import as a CSV to download, fix and import again: <c>line,column,reason</c>, then the
/// row's own fields under the file's own header.
/// </summary>
/// <remarks>
/// UTF-8 with a byte order mark (spreadsheets read it as UTF-8 then), comma-separated, CRLF line ends, quoted as
/// in RFC 4180. Rows are streamed from the store in line order, never held all at once. A cell starting with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading apostrophe, so that a
/// spreadsheet opening the file shows a formula-like value as text instead of running it (OWASP's advice against
/// CSV injection); a negative amount therefore reads <c>'-5.00</c>.
/// </remarks>
public static class RejectedRowsCsv
{
    /// <summary>The columns written before the row's own.</summary>
    public static readonly IReadOnlyList<string> LeadingColumns = ["line", "column", "reason"];

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

        var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        await using (writer.ConfigureAwait(false))
        {
            var header = batch.Header is null ? [] : RawRecordFormat.Decode(batch.Header);
            var record = new StringBuilder();
            await WriteRecordAsync(writer, record, LeadingColumns.Concat(header), cancellationToken).ConfigureAwait(false);
            var problems = db.ImportProblems.AsNoTracking()
                .Where(p => p.ImportBatchId == batchId)
                .OrderBy(p => p.LineNumber).ThenBy(p => p.Id)
                .Select(p => new { p.LineNumber, p.Column, p.Message, p.RawRecord })
                .AsAsyncEnumerable();
            var written = 0L;
            await foreach (var problem in problems.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var leading = new[] { problem.LineNumber.ToString(CultureInfo.InvariantCulture), problem.Column ?? string.Empty, problem.Message };
                var fields = problem.RawRecord is null ? [] : RawRecordFormat.Decode(problem.RawRecord);
                await WriteRecordAsync(writer, record, leading.Concat(fields), cancellationToken).ConfigureAwait(false);
                written++;
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return written;
        }
    }

    /// <summary>A cell as written: neutralised against formula injection, then quoted when it needs to be.</summary>
    /// <param name="value">The cell's text.</param>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    // Whole records are handed over asynchronously: a web response refuses synchronous writes when the buffer fills.
    private static async Task WriteRecordAsync(StreamWriter writer, StringBuilder record, IEnumerable<string> cells, CancellationToken cancellationToken)
    {
        record.Clear();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                record.Append(',');
            }

            first = false;
            record.Append(Cell(cell));
        }

        record.Append(writer.NewLine);
        await writer.WriteAsync(record, cancellationToken).ConfigureAwait(false);
    }
}
