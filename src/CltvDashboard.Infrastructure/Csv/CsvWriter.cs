using System.Buffers;
using System.Text;

namespace CltvDashboard.Infrastructure.Csv;

/// <summary>
/// Writes every CSV file the product produces, cell by typed cell (<see cref="CsvCell"/>), straight into UTF-8
/// buffers: an in-memory table in parallel blocks (a predictions file of millions of rows), or a stream of records
/// handed over asynchronously (exports and rejected rows, read from the store as they are written).
/// </summary>
public static class CsvWriter
{
    private const int RowsPerBlock = 32_768;
    private const int RowBytes = 1024;
    private const int FlushBytes = 1 << 16;

    /// <summary>
    /// Writes a header and <paramref name="rows"/> rows. Rows are formatted into UTF-8 blocks in parallel and the
    /// blocks written in order, because formatting millions of numbers is the slow part of writing a large file.
    /// </summary>
    /// <param name="destination">Receives the file; left open.</param>
    /// <param name="rows">The number of rows; each column's cell is asked for rows 0 to <paramref name="rows"/> - 1, from several threads.</param>
    /// <param name="columns">The columns, in order.</param>
    /// <param name="format">Line ends and byte order mark.</param>
    public static void Write(Stream destination, int rows, IReadOnlyList<CsvColumn> columns, CsvFormat format)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(format);
        var newLine = Encoding.UTF8.GetBytes(format.NewLine);
        var start = new ArrayBufferWriter<byte>();
        WritePreamble(start, format);
        WriteRecord(start, [.. columns.Select(c => CsvCell.Text(c.Header))], newLine);
        destination.Write(start.WrittenSpan);
        var blocks = (rows + RowsPerBlock - 1) / RowsPerBlock;

        // Two blocks per core are formatted ahead of the writer, into buffers reused for every window: the window
        // bounds memory on any file size, and reuse keeps large buffers from churning the large-object heap.
        var window = Environment.ProcessorCount * 2;
        var buffers = Enumerable.Range(0, window).Select(_ => new ArrayBufferWriter<byte>(RowsPerBlock * 128)).ToArray();
        for (var first = 0; first < blocks; first += window)
        {
            var last = Math.Min(blocks, first + window);
            Parallel.For(first, last, block =>
            {
                var buffer = buffers[block - first];
                buffer.ResetWrittenCount();
                var end = Math.Min(rows, (block + 1) * RowsPerBlock);
                for (var row = block * RowsPerBlock; row < end; row++)
                {
                    // One span per row, grown only for an unusually long cell.
                    var span = buffer.GetSpan(RowBytes);
                    var written = 0;
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var cell = columns[c].Cell(row);
                        var needed = cell.MaxBytes + 1 + newLine.Length;
                        if (span.Length - written < needed)
                        {
                            buffer.Advance(written);
                            span = buffer.GetSpan(Math.Max(RowBytes, needed));
                            written = 0;
                        }

                        if (c > 0)
                        {
                            span[written++] = (byte)',';
                        }

                        written += cell.WriteTo(span[written..]);
                    }

                    newLine.CopyTo(span[written..]);
                    buffer.Advance(written + newLine.Length);
                }
            });

            for (var block = first; block < last; block++)
            {
                destination.Write(buffers[block - first].WrittenSpan);
            }
        }
    }

    /// <summary>Writes a header and the records of <paramref name="rows"/> as they arrive.</summary>
    /// <param name="destination">Receives the file; left open. Written to asynchronously only, as a web response requires.</param>
    /// <param name="header">The header's cells, written as text.</param>
    /// <param name="rows">The records.</param>
    /// <param name="format">Line ends and byte order mark.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>The number of records written, the header excluded.</returns>
    public static async Task<long> WriteAsync(
        Stream destination, IEnumerable<string> header, IAsyncEnumerable<CsvCell[]> rows, CsvFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(format);
        var newLine = Encoding.UTF8.GetBytes(format.NewLine);
        var buffer = new ArrayBufferWriter<byte>(FlushBytes * 2);
        WritePreamble(buffer, format);
        WriteRecord(buffer, [.. header.Select(CsvCell.Text)], newLine);
        var written = 0L;
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            WriteRecord(buffer, row, newLine);
            written++;
            if (buffer.WrittenCount >= FlushBytes)
            {
                await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                buffer.ResetWrittenCount();
            }
        }

        await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return written;
    }

    private static void WritePreamble(ArrayBufferWriter<byte> buffer, CsvFormat format)
    {
        if (format.ByteOrderMark)
        {
            buffer.Write(Encoding.UTF8.Preamble);
        }
    }

    private static void WriteRecord(ArrayBufferWriter<byte> buffer, ReadOnlySpan<CsvCell> cells, ReadOnlySpan<byte> newLine)
    {
        var size = newLine.Length + cells.Length;
        foreach (var cell in cells)
        {
            size += cell.MaxBytes;
        }

        var span = buffer.GetSpan(size);
        var written = 0;
        for (var c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                span[written++] = (byte)',';
            }

            written += cells[c].WriteTo(span[written..]);
        }

        newLine.CopyTo(span[written..]);
        buffer.Advance(written + newLine.Length);
    }
}
