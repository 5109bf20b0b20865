using System.Globalization;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>Reads the dates and amounts of store exports; see the rules on each method.</summary>
internal static class ImportValueParser
{
    private static readonly string[] IsoLocalFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "yyyy/MM/dd",
        "yyyy/MM/dd HH:mm:ss",
        "yyyy/MM/dd HH:mm",
        "yyyyMMdd",
    ];

    private static readonly string[] TimeFormats = ["H:mm", "H:mm:ss", "H:mm:ss.FFFFFFF", "h:mm tt", "h:mm:ss tt", "htt", "h tt"];

    /// <summary>
    /// Reads a date or date-time. Rules: ISO 8601 (yyyy-MM-dd, optional time after 'T' or a space) and yyyy/MM/dd;
    /// day and month separated by '/' or '-' in either order as <paramref name="order"/> says, with a 4- or 2-digit
    /// year (2-digit years are 2000-2099) and an optional 24-hour or AM/PM time; dotted dates (07.10.2025) are always
    /// day-first. A trailing 'Z', 'UTC', 'GMT' or offset (+02:00, +0200, +02) is kept; without one the time is on the
    /// clock of <paramref name="zone"/> (UTC when <paramref name="assumeUtc"/>, as in Stripe's Created (UTC)), turned
    /// into an instant by <see cref="PurchaseDay.ToInstant"/> so that its day stays the day written.
    /// </summary>
    public static bool TryParseDate(
        ReadOnlySpan<char> text, DateOrder order, TimeZoneInfo zone, bool assumeUtc, out DateTimeOffset value, out string error)
    {
        value = default;
        text = text.Trim();
        if (text.IsEmpty)
        {
            error = "the date is empty";
            return false;
        }

        var local = text;
        TimeSpan? offset = null;
        if (!TrySplitOffset(ref local, ref offset))
        {
            error = $"'{Shorten(text)}' has an unreadable time zone offset (expected e.g. +02:00 or +0200)";
            return false;
        }

        if (!TryParseLocal(local, order, out var dateTime, out error))
        {
            error = $"'{Shorten(text)}' {error}";
            return false;
        }

        // Years at the ends of the calendar cannot take an offset or a time zone's rules; no sale was made in them.
        if (dateTime.Year is < MinYear or > MaxYear)
        {
            error = $"'{Shorten(text)}' is not a plausible date (year {dateTime.Year})";
            return false;
        }

        dateTime = DateTime.SpecifyKind(dateTime, DateTimeKind.Unspecified);
        value = offset is { } written ? new DateTimeOffset(dateTime, written)
            : assumeUtc ? new DateTimeOffset(dateTime, TimeSpan.Zero)
            : PurchaseDay.ToInstant(dateTime, zone);
        error = string.Empty;
        return true;
    }

    /// <summary>The date order a date proves on its own (a first or second number above 12), else <see cref="DateOrder.Unspecified"/>.</summary>
    public static DateOrder ProvenOrder(ReadOnlySpan<char> text) => Witness(text) switch
    {
        DateOrderWitness.DayFirstOnly => DateOrder.DayFirst,
        DateOrderWitness.MonthFirstOnly => DateOrder.MonthFirst,
        _ => DateOrder.Unspecified,
    };

    /// <summary>
    /// What a date says about the order of its day and month, by the rules of <see cref="TryParseDate"/>: only one
    /// order possible (a number above 12), either (both numbers 12 or less and different: read without a chosen order
    /// it is refused as ambiguous), or nothing (ISO and dotted dates, month names, the same number twice, no date).
    /// </summary>
    public static DateOrderWitness Witness(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        var end = text.IndexOfAny(' ', 'T');
        var date = end < 0 ? text : text[..end];
        if (!TrySplitDayMonth(date, out var first, out var second, out _, out var separator) || separator == '.')
        {
            return DateOrderWitness.None;
        }

        return first > 12 && second <= 12 ? DateOrderWitness.DayFirstOnly
            : second > 12 && first <= 12 ? DateOrderWitness.MonthFirstOnly
            : first <= 12 && second <= 12 && first != second ? DateOrderWitness.Either
            : DateOrderWitness.None;
    }

    private static bool TrySplitOffset(ref ReadOnlySpan<char> text, ref TimeSpan? offset)
    {
        if (text.EndsWith("Z", StringComparison.OrdinalIgnoreCase) && text.Length > 10)
        {
            text = text[..^1].TrimEnd();
            offset = TimeSpan.Zero;
            return true;
        }

        if (text.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase) || text.EndsWith(" GMT", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^4].TrimEnd();
            offset = TimeSpan.Zero;
            return true;
        }

        // An offset can only follow a time, so a sign within the date part (2025-10-07, 07-10-2025) is no offset.
        var colon = text.IndexOf(':');
        if (colon < 0)
        {
            return true;
        }

        var sign = text[colon..].LastIndexOfAny('+', '-');
        if (sign < 0)
        {
            return true;
        }

        sign += colon;
        var digits = text[(sign + 1)..].Trim();
        int hours;
        var minutes = 0;
        if (digits.Length == 2 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out hours))
        {
        }
        else if (digits.Length == 4 && int.TryParse(digits[..2], NumberStyles.None, CultureInfo.InvariantCulture, out hours)
            && int.TryParse(digits[2..], NumberStyles.None, CultureInfo.InvariantCulture, out minutes))
        {
        }
        else if (digits.Length == 5 && digits[2] == ':' && int.TryParse(digits[..2], NumberStyles.None, CultureInfo.InvariantCulture, out hours)
            && int.TryParse(digits[3..], NumberStyles.None, CultureInfo.InvariantCulture, out minutes))
        {
        }
        else
        {
            return false;
        }

        if (hours > 14 || minutes > 59)
        {
            return false;
        }

        var span = new TimeSpan(hours, minutes, 0);
        offset = text[sign] == '-' ? -span : span;
        text = text[..sign].TrimEnd();
        return true;
    }

    // yyyy-MM-dd alone is what most exports write; read by hand because the general parser dominates a large import.
    private const int MinYear = 1000;
    private const int MaxYear = 9000;

    // A yyyy-MM-dd start whose month or day does not exist: said as such, rather than left to the day/month guessing.
    private static string? IsoDayProblem(ReadOnlySpan<char> text)
    {
        if ((text.Length > 10 && text[10] is not (' ' or 'T')) || !TryIsoDayFields(text, out var year, out var month, out var day))
        {
            return null;
        }

        return year == 0 ? "is not a date: there is no year 0"
            : month is < 1 or > 12 ? $"is not a date: there is no month {month}"
            : day < 1 || day > DateTime.DaysInMonth(year, month) ? $"is not a date: {year:0000}-{month:00} has no day {day}"
            : null;
    }

    private static bool TryParseIsoDay(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        if (text.Length != 10 || !TryIsoDayFields(text, out var year, out var month, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        return true;
    }

    // The numbers of text that starts as yyyy-MM-dd does, whatever their values; false for any other shape.
    private static bool TryIsoDayFields(ReadOnlySpan<char> text, out int year, out int month, out int day)
    {
        year = month = day = -1;
        if (text.Length < 10 || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        year = Digits(text[..4]);
        month = Digits(text.Slice(5, 2));
        day = Digits(text.Slice(8, 2));
        return year >= 0 && month >= 0 && day >= 0;
    }

    private static int Digits(ReadOnlySpan<char> text)
    {
        var number = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }

            number = (number * 10) + (c - '0');
        }

        return number;
    }

    private static bool TryParseLocal(ReadOnlySpan<char> text, DateOrder order, out DateTime value, out string error)
    {
        error = string.Empty;
        if (TryParseIsoDay(text, out value))
        {
            return true;
        }

        if (DateTime.TryParseExact(text, IsoLocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }

        if (IsoDayProblem(text) is { } isoProblem)
        {
            error = isoProblem;
            return false;
        }

        var end = text.IndexOf(' ');
        var datePart = end < 0 ? text : text[..end];
        var timePart = end < 0 ? [] : text[(end + 1)..].Trim();
        if (!TrySplitDayMonth(datePart, out var first, out var second, out var year, out var separator))
        {
            // Month names (7 Oct 2025, Oct 7, 2025) are unambiguous, so the general parser may have them.
            if (text.ContainsAnyInRange('A', 'z') && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value))
            {
                return true;
            }

            error = "is not a date (expected e.g. 2025-10-07, 2025-10-07 09:50:26 +0200 or 07/10/2025)";
            return false;
        }

        var dayFirst = separator == '.' || order == DateOrder.DayFirst;
        if (separator != '.' && order == DateOrder.Unspecified)
        {
            if (first > 12 && second <= 12)
            {
                dayFirst = true;
            }
            else if (second > 12 && first <= 12)
            {
                dayFirst = false;
            }
            else if (first != second)
            {
                error = "is ambiguous: choose whether dates are day-first or month-first";
                return false;
            }
        }

        var (day, month) = dayFirst ? (first, second) : (second, first);
        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = $"is not a valid {(dayFirst ? "day-first" : "month-first")} date";
            return false;
        }

        var time = TimeOnly.MinValue;
        if (!timePart.IsEmpty && !TimeOnly.TryParseExact(timePart, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out time))
        {
            error = "has an unreadable time (expected e.g. 09:50, 09:50:26 or 9:50 PM)";
            return false;
        }

        value = new DateOnly(year, month, day).ToDateTime(time);
        return true;
    }

    private static bool TrySplitDayMonth(ReadOnlySpan<char> date, out int first, out int second, out int year, out char separator)
    {
        first = second = year = 0;
        separator = date.IndexOfAny('/', '.', '-') is var at and >= 0 ? date[at] : '\0';
        if (separator == '\0')
        {
            return false;
        }

        Span<Range> parts = stackalloc Range[4];
        if (date.Split(parts, separator) != 3)
        {
            return false;
        }

        var yearText = date[parts[2]];
        // 2024-13-01 is an ISO date with a wrong month, not a day and a month written before a two-digit year.
        if (date[parts[0]].Length > 2
            || !int.TryParse(date[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out first)
            || !int.TryParse(date[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out second)
            || yearText.Length is not (2 or 4)
            || !int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out year))
        {
            return false;
        }

        if (yearText.Length == 2)
        {
            year += 2000;
        }

        return true;
    }

    /// <summary>
    /// The digits of an identifier written as a whole number with a decimal point and zeros ("17850.0", as
    /// spreadsheets write numbers): "17850"; any other text as it is.
    /// </summary>
    public static ReadOnlySpan<char> WholeNumberPart(ReadOnlySpan<char> text)
    {
        var point = text.IndexOf('.');
        if (point <= 0 || point == text.Length - 1 || text[..point].ContainsAnyExceptInRange('0', '9') || text[(point + 1)..].ContainsAnyExcept('0'))
        {
            return text;
        }

        return text[..point];
    }

    /// <summary>
    /// Reads an amount. Rules: surrounding spaces, currency symbols ($, €, £, ¥, ...) and a three-letter code before or
    /// after the number (returned in <paramref name="currencyCode"/>) are allowed; negative as -12.50, 12.50-, (12.50)
    /// or −12.50; spaces, non-breaking spaces and apostrophes group thousands; '.' and ',' as
    /// <paramref name="separator"/> says (see <see cref="DecimalSeparator"/>).
    /// </summary>
    public static bool TryParseAmount(ReadOnlySpan<char> text, DecimalSeparator separator, out decimal amount, out string? currencyCode)
    {
        amount = 0;
        currencyCode = null;
        text = text.Trim();
        if (TryParsePlain(text, separator, out amount))
        {
            return true;
        }

        var negative = false;
        if (text.Length >= 2 && text[0] == '(' && text[^1] == ')')
        {
            negative = true;
            text = text[1..^1].Trim();
        }

        if (!StripSigns(ref text, ref negative) || !StripCurrency(ref text, ref currencyCode) || !StripSigns(ref text, ref negative))
        {
            return false;
        }

        if (text.IsEmpty || text.Length > 64)
        {
            return false;
        }

        Span<char> digits = stackalloc char[text.Length];
        var length = 0;
        var points = text.Count('.');
        var commas = text.Count(',');
        var decimalChar = DecimalCharacter(text, separator, points, commas);
        // Thousands groups after the first have exactly three digits, so 12.5.0 is refused rather than read as 1250.
        var group = -1;
        var inFraction = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[length++] = c;
                if (group >= 0)
                {
                    group++;
                }
            }
            else if (c == decimalChar && !inFraction)
            {
                if (group is >= 0 and not 3)
                {
                    return false;
                }

                digits[length++] = '.';
                inFraction = true;
                group = -1;
            }
            else if (c is '.' or ',' or '\'' or ' ' or '\u00A0' or '\u202F' && !inFraction)
            {
                if (group is >= 0 and not 3 || length == 0)
                {
                    return false;
                }

                group = 0;
            }
            else
            {
                return false;
            }
        }

        if (group is >= 0 and not 3)
        {
            return false;
        }

        if (!decimal.TryParse(digits[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount))
        {
            return false;
        }

        if (negative)
        {
            amount = -amount;
        }

        return true;
    }

    // Digits with at most one '.' between digits, which the rules below read as a decimal point (except Auto's
    // 1.234, a thousands group, left to them), as most exports write amounts; read by hand because the general path
    // dominates reading a large file. At most 18 digits, so the mantissa fits; the scale is the number of digits
    // after the point, as decimal.TryParse keeps it.
    private static bool TryParsePlain(ReadOnlySpan<char> text, DecimalSeparator separator, out decimal amount)
    {
        amount = 0;
        if (separator == DecimalSeparator.Comma || text.IsEmpty || text.Length > 19)
        {
            return false;
        }

        ulong mantissa = 0;
        var point = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                mantissa = (mantissa * 10) + (uint)(c - '0');
            }
            else if (c == '.' && point < 0 && i > 0 && i < text.Length - 1)
            {
                point = i;
            }
            else
            {
                return false;
            }
        }

        var scale = point < 0 ? 0 : text.Length - point - 1;
        if ((point < 0 && text.Length > 18) || (separator == DecimalSeparator.Auto && scale == 3 && point <= 3 && text[0] != '0'))
        {
            return false;
        }

        amount = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, false, (byte)scale);
        return true;
    }

    private static char DecimalCharacter(ReadOnlySpan<char> text, DecimalSeparator separator, int points, int commas)
    {
        switch (separator)
        {
            case DecimalSeparator.Point:
                return '.';
            case DecimalSeparator.Comma:
                return ',';
        }

        if (points > 0 && commas > 0)
        {
            return text.LastIndexOf('.') > text.LastIndexOf(',') ? '.' : ',';
        }

        var only = points > 0 ? '.' : commas > 0 ? ',' : '\0';
        if (only == '\0' || points + commas > 1)
        {
            return only == '\0' ? '.' : only == '.' ? ',' : '.';
        }

        var at = text.IndexOf(only);
        var before = text[..at].Trim();
        var after = text[(at + 1)..];
        var groupsThousands = after.Length == 3 && before.Length is >= 1 and <= 3 && before[0] != '0' && !after.ContainsAnyExceptInRange('0', '9');
        return groupsThousands ? (only == '.' ? ',' : '.') : only;
    }

    private static bool StripSigns(ref ReadOnlySpan<char> text, ref bool negative)
    {
        if (text.IsEmpty)
        {
            return true;
        }

        if (text[0] is '-' or '\u2212' or '+')
        {
            if (text[0] != '+')
            {
                negative = !negative;
            }

            text = text[1..].Trim();
        }
        else if (text[^1] == '-')
        {
            negative = !negative;
            text = text[..^1].Trim();
        }

        return true;
    }

    private static bool StripCurrency(ref ReadOnlySpan<char> text, ref string? code)
    {
        var start = 0;
        while (start < text.Length && (char.IsAsciiLetter(text[start]) || IsCurrencySymbol(text[start])))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && (char.IsAsciiLetter(text[end - 1]) || IsCurrencySymbol(text[end - 1])))
        {
            end--;
        }

        if (!TryCode(text[..start], ref code) || !TryCode(text[end..], ref code))
        {
            return false;
        }

        text = text[start..end].Trim();
        return true;
    }

    private static bool TryCode(ReadOnlySpan<char> affix, ref string? code)
    {
        affix = affix.Trim();
        var letters = 0;
        var symbols = 0;
        foreach (var c in affix)
        {
            if (char.IsAsciiLetter(c))
            {
                letters++;
            }
            else
            {
                symbols++;
            }
        }

        if (letters == 3 && symbols == 0)
        {
            code = affix.ToString().ToUpperInvariant();
            return true;
        }

        // Two letters may qualify a symbol (US$, CA$, R$); letters on their own are not an amount.
        return letters == 0 || (letters <= 2 && symbols > 0);
    }

    private static bool IsCurrencySymbol(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol;

    internal static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..37], "...");
}

/// <summary>What one written date tells about the order of its day and month; see <see cref="ImportValueParser.Witness"/>.</summary>
internal enum DateOrderWitness
{
    /// <summary>Nothing: the date does not depend on the order, or is no date.</summary>
    None,

    /// <summary>Readable only day-first (13/04/2025).</summary>
    DayFirstOnly,

    /// <summary>Readable only month-first (04/13/2025).</summary>
    MonthFirstOnly,

    /// <summary>Readable both ways as different days (03/04/2025).</summary>
    Either,
}
