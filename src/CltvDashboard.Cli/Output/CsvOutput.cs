using System.Buffers;
using System.Buffers.Text;
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
    private const int RowBytes = 1024;

    /// <summary>One column: its header and a writer of row i's cell (already CSV-safe text).</summary>
    public sealed record Column(string Header, Func<int, Utf8Cell> Cell);

    public static void Write(Stream destination, int rows, IReadOnlyList<Column> columns)
    {
        var header = Encoding.UTF8.GetBytes(string.Join(',', columns.Select(c => c.Header)) + "\n");
        destination.Write(header);
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
                    // One span per row, grown only for an unusually long text cell.
                    var span = buffer.GetSpan(RowBytes);
                    var written = 0;
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var cell = columns[c].Cell(row);
                        var needed = cell.MaxBytes + 2;
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

                    span[written++] = (byte)'\n';
                    buffer.Advance(written);
                }
            });

            for (var block = first; block < last; block++)
            {
                destination.Write(buffers[block - first].WrittenSpan);
            }
        }
    }
}

/// <summary>A CSV cell: an integer, a number with a fixed number of decimals, or text quoted as RFC 4180 requires.</summary>
internal readonly struct Utf8Cell
{
    private static readonly long[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    private readonly double _number;
    private readonly int _decimals;
    private readonly string? _text;

    private Utf8Cell(double number, int decimals, string? text)
    {
        _number = number;
        _decimals = decimals;
        _text = text;
    }

    public static Utf8Cell Integer(long value) => new(value, 0, null);

    /// <summary>A number rounded to <paramref name="decimals"/> places (at most 8), trailing zeros dropped.</summary>
    public static Utf8Cell Number(double value, int decimals = 6) => new(value, Math.Clamp(decimals, 0, 8), null);

    public static Utf8Cell Text(string value) => new(0, 0, value);

    /// <summary>The most bytes <see cref="WriteTo"/> may write.</summary>
    public int MaxBytes => _text is null ? 40 : Encoding.UTF8.GetMaxByteCount(_text.Length) * 2 + 2;

    /// <summary>Writes the cell and returns the number of bytes written; the span holds at least <see cref="MaxBytes"/>.</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (_text is null)
        {
            return _decimals == 0 && Math.Abs(_number) < 9e15 && _number == Math.Floor(_number)
                ? FormatInteger((long)_number, destination)
                : FormatFixed(_number, _decimals, destination);
        }

        var text = _text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + _text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : _text;
        return Encoding.UTF8.GetBytes(text, destination);
    }

    private static int FormatInteger(long value, Span<byte> destination)
    {
        Utf8Formatter.TryFormat(value, destination, out var written);
        return written;
    }

    // General double formatting is most of a million-row file's write time (bench/README.md); a value of ordinary
    // size is written here as a scaled integer instead, and anything else falls back to the runtime.
    private static int FormatFixed(double value, int decimals, Span<byte> destination)
    {
        var scale = PowersOfTen[decimals];
        var magnitude = Math.Abs(value);
        if (!double.IsFinite(value) || magnitude * scale >= 9e15)
        {
            value.TryFormat(destination, out var general, "R", CultureInfo.InvariantCulture);
            return general;
        }

        var scaled = (long)(magnitude * scale + 0.5);
        var written = 0;
        if (value < 0 && scaled != 0)
        {
            destination[written++] = (byte)'-';
        }

        var (integer, fraction) = Math.DivRem(scaled, scale);
        Utf8Formatter.TryFormat(integer, destination[written..], out var integerDigits);
        written += integerDigits;
        if (fraction == 0)
        {
            return written;
        }

        var digits = decimals;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        destination[written++] = (byte)'.';
        for (var k = digits - 1; k >= 0; k--)
        {
            destination[written + k] = (byte)('0' + (fraction % 10));
            fraction /= 10;
        }

        return written + digits;
    }
}
