namespace CltvDashboard.Domain.Transactions;

/// <summary>The unit in which recency, age and forecast horizons are expressed to the models.</summary>
public enum TimeUnit
{
    /// <summary>One calendar day.</summary>
    Day,

    /// <summary>Seven days, continuous (days / 7), as in Fader, Hardie &amp; Lee (2005).</summary>
    Week,

    /// <summary>An average Gregorian month: 365.25 / 12 days, continuous.</summary>
    Month,
}

/// <summary>Conversions between days and <see cref="TimeUnit"/>s.</summary>
public static class TimeUnits
{
    /// <summary>Days in an average Gregorian month (365.25 / 12).</summary>
    public const double DaysPerMonth = 365.25 / 12.0;

    /// <summary>How many days one <paramref name="unit"/> lasts.</summary>
    public static double DaysPer(this TimeUnit unit) => unit switch
    {
        TimeUnit.Day => 1.0,
        TimeUnit.Week => 7.0,
        TimeUnit.Month => DaysPerMonth,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
    };

    /// <summary>Converts a number of days to <paramref name="unit"/>s.</summary>
    public static double FromDays(this TimeUnit unit, double days) => days / unit.DaysPer();

    /// <summary>Converts a number of <paramref name="unit"/>s to days.</summary>
    public static double ToDays(this TimeUnit unit, double units) => units * unit.DaysPer();

    /// <summary>Parses <c>day</c>, <c>week</c> or <c>month</c> (case-insensitive, plural accepted).</summary>
    public static bool TryParse(string? text, out TimeUnit unit)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "day" or "days" or "d":
                unit = TimeUnit.Day;
                return true;
            case "week" or "weeks" or "w":
                unit = TimeUnit.Week;
                return true;
            case "month" or "months" or "m":
                unit = TimeUnit.Month;
                return true;
            default:
                unit = default;
                return false;
        }
    }

    /// <summary>The lower-case name used in files and command lines: <c>day</c>, <c>week</c>, <c>month</c>.</summary>
    public static string ToName(this TimeUnit unit) => unit switch
    {
        TimeUnit.Day => "day",
        TimeUnit.Week => "week",
        TimeUnit.Month => "month",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
    };
}
