using System.Globalization;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>
/// Formats the dashboards' numbers in the business's currency and dates in its time zone. Grouping and decimal
/// separators follow the page's culture; the currency symbol comes from the business's currency code.
/// </summary>
public sealed class DashboardFormat
{
    // Servers often run with invariant globalization (no ICU), where no region knows its currency: the common ones are named here.
    private static readonly Dictionary<string, string> CommonSymbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥", ["CNY"] = "CN¥", ["INR"] = "₹", ["CAD"] = "CA$", ["AUD"] = "A$",
        ["NZD"] = "NZ$", ["CHF"] = "CHF ", ["SEK"] = "kr ", ["NOK"] = "kr ", ["DKK"] = "kr ", ["PLN"] = "zł ", ["BRL"] = "R$", ["MXN"] = "MX$",
    };

    private readonly NumberFormatInfo _money;
    private readonly TimeZoneInfo _zone;

    /// <summary>Creates the formatter for a business.</summary>
    /// <param name="currencyCode">ISO 4217 code, or null when unknown (amounts show without a symbol).</param>
    /// <param name="timeZoneId">IANA time zone id; UTC when unknown to the system.</param>
    /// <param name="culture">The culture of separators; the current UI culture when null.</param>
    public DashboardFormat(string? currencyCode, string timeZoneId, CultureInfo? culture = null)
    {
        Culture = culture ?? CultureInfo.CurrentCulture;
        CurrencyCode = currencyCode;
        _money = (NumberFormatInfo)Culture.NumberFormat.Clone();
        _money.CurrencySymbol = Symbol(currencyCode);
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;
        TimeZoneId = _zone.Id;
    }

    /// <summary>The culture of separators.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The business's currency code, if set.</summary>
    public string? CurrencyCode { get; }

    /// <summary>The time zone dates are shown in.</summary>
    public string TimeZoneId { get; }

    /// <summary>A formatter from a dashboard context.</summary>
    /// <param name="context">The context.</param>
    public static DashboardFormat For(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DashboardFormat(context.CurrencyCode, context.TimeZoneId);
    }

    /// <summary>An amount with the currency symbol, whole units from 1,000 up.</summary>
    /// <param name="amount">The amount; "–" when null.</param>
    public string Money(decimal? amount) => amount is { } value
        ? value.ToString(Math.Abs(value) >= 1000 ? "C0" : "C2", _money)
        : "–";

    /// <summary>A range of amounts, "$1,200 – $1,450", each bound as <see cref="Money"/> writes it.</summary>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound.</param>
    public string MoneyRange(double low, double high) => $"{Money(AsMoney(low))} – {Money(AsMoney(high))}";

    /// <summary>A range of counts, "9,100 – 9,400".</summary>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound.</param>
    public string CountRange(double low, double high) => $"{Number(low, 0)} – {Number(high, 0)}";

    /// <summary>An amount in whole units with the currency symbol (chart labels).</summary>
    /// <param name="amount">The amount.</param>
    public string WholeMoney(decimal amount) => amount.ToString("C0", _money);

    // A stored range's bound as money; bounds beyond what money holds do not occur on real data and are shown capped.
    private static decimal AsMoney(double value) => (decimal)Math.Clamp(Math.Round(value, 2), -1e15, 1e15);

    /// <summary>A count with grouping.</summary>
    /// <param name="count">The count.</param>
    public string Count(int count) => count.ToString("N0", Culture);

    /// <summary>A number with a fixed number of decimals.</summary>
    /// <param name="value">The value; "–" when null.</param>
    /// <param name="decimals">Decimals shown.</param>
    public string Number(double? value, int decimals = 2) => value is { } v ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture) : "–";

    /// <summary>A share as a percentage.</summary>
    /// <param name="share">The share, 0–1; "–" when null.</param>
    /// <param name="decimals">Decimals shown.</param>
    public string Percent(double? share, int decimals = 1) => share is { } v ? (v * 100).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture) + " %" : "–";

    /// <summary>A UTC instant as a date and time in the business's time zone.</summary>
    /// <param name="utc">The instant.</param>
    public string DateTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A UTC instant as a date in the business's time zone.</summary>
    /// <param name="utc">The instant.</param>
    public string Date(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A calendar date.</summary>
    /// <param name="date">The date; "–" when null.</param>
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–";

    /// <summary>A day as people write it: "30 Jun 1998".</summary>
    /// <param name="day">The day.</param>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// The day a run's data end, the one date that says what its figures describe (not the day they were computed,
    /// which may be decades later for an old export); "–" for a run that never got that far.
    /// </summary>
    /// <param name="observationEnd">The run's last day of data.</param>
    public static string DataUpTo(DateOnly? observationEnd) => observationEnd is { } day ? Day(day) : "–";

    /// <summary>A run as charts label it: "#12 · 30 Jun 1998" by its data's last day, or by the day it was computed when it has none.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="observationEnd">Its last day of data.</param>
    /// <param name="computedUtc">When it was computed, in UTC.</param>
    public string RunLabel(long runId, DateOnly? observationEnd, DateTime computedUtc) =>
        string.Create(CultureInfo.InvariantCulture, $"#{runId} · {(observationEnd is { } day ? Day(day) : "computed " + ComputedOn(computedUtc))}");

    /// <summary>A UTC instant as a day in the business's time zone, as people write it.</summary>
    /// <param name="utc">The instant.</param>
    public string ComputedOn(DateTime utc) => Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone)));

    /// <summary>A relative change between two values as a signed percentage, or null when there is nothing to compare.</summary>
    /// <param name="now">The value now.</param>
    /// <param name="before">The value in the previous run.</param>
    public static double? Change(double? now, double? before) =>
        now is { } n && before is { } b && b != 0 ? (n - b) / Math.Abs(b) : null;

    private static string Symbol(string? currencyCode)
    {
        if (string.IsNullOrWhiteSpace(currencyCode))
        {
            return "";
        }

        if (CommonSymbols.TryGetValue(currencyCode, out var common))
        {
            return common;
        }

        // The symbol of the first region that uses the currency; the code itself when it is a symbol-less or unknown one.
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var region = new RegionInfo(culture.Name);
                if (string.Equals(region.ISOCurrencySymbol, currencyCode, StringComparison.OrdinalIgnoreCase))
                {
                    return region.CurrencySymbol;
                }
            }
            catch (ArgumentException)
            {
                // A culture without a region has no currency.
            }
        }

        return currencyCode + " ";
    }
}
