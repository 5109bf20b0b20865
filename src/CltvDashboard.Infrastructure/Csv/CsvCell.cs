using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CltvDashboard.Infrastructure.Csv;

/// <summary>
/// One typed cell of a CSV file we write. Numbers, dates and booleans go out in the invariant culture exactly as
/// formatted; text is quoted as RFC 4180 requires, and text starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a
/// tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it as text instead of running it as a
/// formula (OWASP's advice against CSV injection). The type, not the look of the text, decides: a negative amount
/// stays a number, a customer id <c>-5</c> is text and reads <c>'-5</c>.
/// </summary>
public readonly struct CsvCell
{
    private const int NumberBytes = 40;

    // A double beyond the scaled-integer path can have over 300 digits written out in full.
    private const int LongNumberBytes = 330;

    private static readonly long[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];
    private static readonly string[] DecimalFormats = [.. Enumerable.Range(0, PowersOfTen.Length).Select(d => d == 0 ? "0" : "0." + new string('#', d))];
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    private readonly Kind _kind;
    private readonly int _decimals;
    private readonly long _integer;
    private readonly double _real;
    private readonly decimal _money;
    private readonly string? _text;

    private CsvCell(Kind kind, long integer = 0, double real = 0, decimal money = 0, int decimals = 0, string? text = null)
    {
        _kind = kind;
        _integer = integer;
        _real = real;
        _money = money;
        _decimals = decimals;
        _text = text;
    }

    private enum Kind : byte
    {
        Empty,
        Integer,
        Real,
        Decimal,
        Date,
        Month,
        Boolean,
        Text,
    }

    public static CsvCell Empty => default;

    /// <summary>A whole number.</summary>
    public static CsvCell Number(long value) => new(Kind.Integer, integer: value);

    /// <inheritdoc cref="Number(long)"/>
    public static CsvCell Number(long? value) => value is { } v ? Number(v) : Empty;

    /// <summary>A number rounded to <paramref name="decimals"/> places (0 to 8), trailing zeros dropped.</summary>
    public static CsvCell Number(double value, int decimals = 6) => new(Kind.Real, real: value, decimals: Math.Clamp(decimals, 0, PowersOfTen.Length - 1));

    /// <inheritdoc cref="Number(double, int)"/>
    public static CsvCell Number(double? value, int decimals = 6) => value is { } v ? Number(v, decimals) : Empty;

    /// <inheritdoc cref="Number(double, int)"/>
    public static CsvCell Number(decimal value, int decimals = 4) => new(Kind.Decimal, money: value, decimals: Math.Clamp(decimals, 0, PowersOfTen.Length - 1));

    /// <inheritdoc cref="Number(double, int)"/>
    public static CsvCell Number(decimal? value, int decimals = 4) => value is { } v ? Number(v, decimals) : Empty;

    /// <summary>A day as <c>yyyy-MM-dd</c>.</summary>
    public static CsvCell Date(DateOnly value) => new(Kind.Date, integer: value.DayNumber);

    /// <inheritdoc cref="Date(DateOnly)"/>
    public static CsvCell Date(DateOnly? value) => value is { } v ? Date(v) : Empty;

    /// <summary>The month of a day as <c>yyyy-MM</c>.</summary>
    public static CsvCell Month(DateOnly value) => new(Kind.Month, integer: value.DayNumber);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static CsvCell Boolean(bool value) => new(Kind.Boolean, integer: value ? 1 : 0);

    /// <summary>Text, quoted when needed and neutralised when a spreadsheet would read it as a formula.</summary>
    public static CsvCell Text(string? value) => string.IsNullOrEmpty(value) ? Empty : new(Kind.Text, text: value);

    /// <summary>The most bytes <see cref="WriteTo"/> may write.</summary>
    public int MaxBytes => _kind switch
    {
        Kind.Text => Encoding.UTF8.GetMaxByteCount(_text!.Length) * 2 + 3,
        Kind.Real when !FitsScaledInteger(_real, _decimals) => LongNumberBytes,
        _ => NumberBytes,
    };

    /// <summary>The cell as written, for tests and small files; large files go through <see cref="WriteTo"/>.</summary>
    public override string ToString()
    {
        Span<byte> buffer = MaxBytes <= 1024 ? stackalloc byte[MaxBytes] : new byte[MaxBytes];
        return Encoding.UTF8.GetString(buffer[..WriteTo(buffer)]);
    }

    /// <summary>Writes the cell as UTF-8 and returns the number of bytes written.</summary>
    /// <param name="destination">Holds at least <see cref="MaxBytes"/> bytes.</param>
    public int WriteTo(Span<byte> destination)
    {
        int written;
        switch (_kind)
        {
            case Kind.Integer:
                Utf8Formatter.TryFormat(_integer, destination, out written);
                return written;
            case Kind.Real:
                return FormatReal(_real, _decimals, destination);
            case Kind.Decimal:
                _money.TryFormat(destination, out written, DecimalFormats[_decimals], CultureInfo.InvariantCulture);
                return written;
            case Kind.Date:
                DateOnly.FromDayNumber((int)_integer).TryFormat(destination, out written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                return written;
            case Kind.Month:
                DateOnly.FromDayNumber((int)_integer).TryFormat(destination, out written, "yyyy-MM", CultureInfo.InvariantCulture);
                return written;
            case Kind.Boolean:
                var word = _integer != 0 ? "true"u8 : "false"u8;
                word.CopyTo(destination);
                return word.Length;
            case Kind.Text:
                return WriteText(_text!, destination);
            default:
                return 0;
        }
    }

    private static int WriteText(string text, Span<byte> destination)
    {
        var remaining = text.AsSpan();
        var quoted = remaining.ContainsAny(NeedsQuotes);
        var written = 0;
        if (quoted)
        {
            destination[written++] = (byte)'"';
        }

        if (remaining[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            destination[written++] = (byte)'\'';
        }

        if (quoted)
        {
            // RFC 4180: a quote inside a quoted field is written twice.
            for (var quote = remaining.IndexOf('"'); quote >= 0; quote = remaining.IndexOf('"'))
            {
                written += Encoding.UTF8.GetBytes(remaining[..(quote + 1)], destination[written..]);
                destination[written++] = (byte)'"';
                remaining = remaining[(quote + 1)..];
            }
        }

        written += Encoding.UTF8.GetBytes(remaining, destination[written..]);
        if (quoted)
        {
            destination[written++] = (byte)'"';
        }

        return written;
    }

    private static bool FitsScaledInteger(double value, int decimals) => double.IsFinite(value) && Math.Abs(value) * PowersOfTen[decimals] < 9e15;

    // General double formatting is most of a million-row file's write time (bench/README.md); a value of ordinary
    // size is written here as a scaled integer instead, and anything else falls back to the runtime.
    private static int FormatReal(double value, int decimals, Span<byte> destination)
    {
        int written;
        if (!FitsScaledInteger(value, decimals))
        {
            value.TryFormat(destination, out written, DecimalFormats[decimals], CultureInfo.InvariantCulture);
            return written;
        }

        var scale = PowersOfTen[decimals];
        var scaled = (long)(Math.Abs(value) * scale + 0.5);
        written = 0;
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
