using System.Globalization;
using CltvDashboard.Domain.Transactions;
using Sylvan.Data.Csv;

namespace CltvDashboard.Cli.Input;

/// <summary>Which columns of a transaction file hold the customer, the date and the amount.</summary>
internal sealed record TransactionColumns(string Customer = "customer_id", string Date = "date", string Amount = "amount");

/// <summary>A row that could not be used, with where it is in the file.</summary>
internal sealed record RowProblem(long Line, string Column, string Message)
{
    public override string ToString() => $"line {Line}, column '{Column}': {Message}";
}

/// <summary>What reading a transaction file produced besides the rows themselves.</summary>
internal sealed record ReadReport(string File, long RowsRead, long RowsRejected, IReadOnlyList<RowProblem> Problems);

/// <summary>Thrown when a transaction file cannot be used at all; the message says what and where.</summary>
internal sealed class InputException(string message) : Exception(message);

/// <summary>
/// Streams a transaction CSV (header row, any delimiter Sylvan detects) into a <see cref="CustomerSummaryBuilder"/>.
/// Rows with a missing customer, an unreadable date or amount are skipped and reported with their line.
/// </summary>
internal static class TransactionCsvReader
{
    private const int ProblemsKept = 50;

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "yyyyMMdd",
    ];

    public static ReadReport Read(string path, TransactionColumns columns, TransactionLog builder, Action<long>? progress = null)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: no such file.");
        }

        using var text = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16 });
        }
        catch (CsvMissingHeadersException)
        {
            throw new InputException($"{path}: the file is empty; it needs a header row such as 'customer_id,date,amount'.");
        }

        using var reader = csv;

        var customer = Ordinal(csv, path, columns.Customer, "--customer-column");
        var date = Ordinal(csv, path, columns.Date, "--date-column");
        var amount = Ordinal(csv, path, columns.Amount, "--amount-column");

        var problems = new List<RowProblem>();
        long rows = 0;
        long rejected = 0;
        long line = 1;
        while (ReadRow(csv, path, line + 1))
        {
            rows++;
            line++;
            if (progress is not null && rows % 1_000_000 == 0)
            {
                progress(rows);
            }

            var problem = AddRow(csv, customer, date, amount, columns, builder, line);
            if (problem is not null)
            {
                rejected++;
                if (problems.Count < ProblemsKept)
                {
                    problems.Add(problem);
                }
            }
        }

        if (rows == 0)
        {
            throw new InputException($"{path}: the file has a header but no rows.");
        }

        if (rejected == rows)
        {
            throw new InputException($"{path}: none of the {rows:N0} rows could be used; the first problem is at {problems[0]}.");
        }

        return new ReadReport(path, rows, rejected, problems);
    }

    private static bool ReadRow(CsvDataReader csv, string path, long line)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvRecordTooLargeException)
        {
            throw new InputException($"{path}: line {line}: a row is larger than the reader accepts; is this a CSV file?");
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"{path}: line {line}: the CSV is malformed ({e.Message}).");
        }
    }

    private static RowProblem? AddRow(
        CsvDataReader csv, int customerOrdinal, int dateOrdinal, int amountOrdinal, TransactionColumns columns, TransactionLog builder, long line)
    {
        if (csv.RowFieldCount <= Math.Max(customerOrdinal, Math.Max(dateOrdinal, amountOrdinal)))
        {
            return new RowProblem(line, columns.Amount, $"the row has {csv.RowFieldCount} fields; the header has {csv.FieldCount}");
        }

        var customer = csv.GetFieldSpan(customerOrdinal).Trim();
        if (customer.IsEmpty)
        {
            return new RowProblem(line, columns.Customer, "the customer identifier is empty");
        }

        var dateText = csv.GetFieldSpan(dateOrdinal).Trim();
        if (!TryParseDay(dateText, out var day))
        {
            return new RowProblem(line, columns.Date, $"'{Shorten(dateText)}' is not a date (expected ISO 8601, e.g. 2024-03-31 or 2024-03-31T14:05:00)");
        }

        var amountText = csv.GetFieldSpan(amountOrdinal).Trim();
        if (!TryParseAmount(amountText, out var amount))
        {
            return new RowProblem(line, columns.Amount, $"'{Shorten(amountText)}' is not a number (expected e.g. 12.50 or -3)");
        }

        builder.Add(customer, day, amount);
        return null;
    }

    /// <summary>
    /// The calendar day of an ISO date or date-time as written: a time zone offset is not converted, because
    /// the day a customer bought on is the day on the business's own clock.
    /// </summary>
    internal static bool TryParseDay(ReadOnlySpan<char> text, out DateOnly day)
    {
        // Plain yyyy-MM-dd is by far the most common shape; parse it without the general machinery.
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && TryDigits(text[..4], out var year) && TryDigits(text.Slice(5, 2), out var month) && TryDigits(text.Slice(8, 2), out var dayOfMonth)
            && year >= 1 && month is >= 1 and <= 12 && dayOfMonth >= 1 && dayOfMonth <= DateTime.DaysInMonth(year, month))
        {
            day = new DateOnly(year, month, dayOfMonth);
            return true;
        }

        if (DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime)
            || (text.Length > 10 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && (dateTime = withOffset.DateTime) != default))
        {
            day = DateOnly.FromDateTime(dateTime);
            return true;
        }

        day = default;
        return false;
    }

    /// <summary>
    /// An amount with a decimal point, as <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out decimal)"/>
    /// reads it; the plain shape of machine-written exports (-12.34) is taken digit by digit first, because the
    /// general parser is a good part of the time of reading millions of rows.
    /// </summary>
    internal static bool TryParseAmount(ReadOnlySpan<char> text, out decimal amount)
    {
        var negative = text.Length > 0 && text[0] == '-';
        var digits = negative ? text[1..] : text;
        long mantissa = 0;
        var scale = -1;
        var count = 0;
        foreach (var c in digits)
        {
            if (c == '.' && scale < 0)
            {
                scale = 0;
                continue;
            }

            if (c is < '0' or > '9' || ++count > 18)
            {
                return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out amount);
            }

            mantissa = mantissa * 10 + (c - '0');
            if (scale >= 0)
            {
                scale++;
            }
        }

        if (count == 0)
        {
            amount = default;
            return false;
        }

        amount = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }

    private static int Ordinal(CsvDataReader csv, string path, string name, string option)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (string.Equals(csv.GetName(i).Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        var found = string.Join(", ", Enumerable.Range(0, csv.FieldCount).Select(i => $"'{csv.GetName(i)}'"));
        throw new InputException($"{path}: line 1 has no column '{name}' (columns found: {found}); name the right one with {option}.");
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..37], "...");
}
