using System.Buffers;
using System.Globalization;
using System.Text;

namespace CltvDashboard.Cli.Output;

/// <summary>
/// Writes a numeric table as CSV. Rows are formatted into UTF-8 blocks in parallel and the blocks written in
/// order, because formatting millions of doubles is the slow part of writing a predictions file.
/// </summary>
internal static class CsvOutput
{
    private const int RowsPerBlock = 32_768;

    /// <summary>One column: its header and a writer of row i's cell (already CSV-safe text).</summary>
    public sealed record Column(string Header, Func<int, Utf8Cell> Cell);

    public static void Write(Stream destination, int rows, IReadOnlyList<Column> columns)
    {
        var header = Encoding.UTF8.GetBytes(string.Join(',', columns.Select(c => c.Header)) + "\n");
        destination.Write(header);
        var blocks = (rows + RowsPerBlock - 1) / RowsPerBlock;

        // Two blocks per core are formatted ahead of the writer; the window bounds memory on any file size.
        var window = Environment.ProcessorCount * 2;
        for (var first = 0; first < blocks; first += window)
        {
            var last = Math.Min(blocks, first + window);
            var buffers = new ArrayBufferWriter<byte>[last - first];
            Parallel.For(first, last, block =>
            {
                var buffer = new ArrayBufferWriter<byte>(RowsPerBlock * 128);
                var end = Math.Min(rows, (block + 1) * RowsPerBlock);
                for (var row = block * RowsPerBlock; row < end; row++)
                {
                    for (var c = 0; c < columns.Count; c++)
                    {
                        if (c > 0)
                        {
                            Append(buffer, ","u8);
                        }

                        columns[c].Cell(row).WriteTo(buffer);
                    }

                    Append(buffer, "\n"u8);
                }

                buffers[block - first] = buffer;
            });

            foreach (var buffer in buffers)
            {
                destination.Write(buffer.WrittenSpan);
            }
        }
    }

    private static void Append(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }
}

/// <summary>A CSV cell: a number, or text quoted as RFC 4180 requires.</summary>
internal readonly struct Utf8Cell
{
    private readonly double _number;
    private readonly string? _text;
    private readonly bool _empty;

    private Utf8Cell(double number, string? text, bool empty)
    {
        _number = number;
        _text = text;
        _empty = empty;
    }

    public static Utf8Cell Empty => new(0, null, true);

    public static Utf8Cell Number(double value) => new(value, null, false);

    public static Utf8Cell Text(string value) => new(0, value, false);

    public void WriteTo(ArrayBufferWriter<byte> buffer)
    {
        if (_empty)
        {
            return;
        }

        if (_text is null)
        {
            var span = buffer.GetSpan(32);
            _number.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
            buffer.Advance(written);
            return;
        }

        var text = _text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + _text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : _text;
        var bytes = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, bytes));
    }
}
