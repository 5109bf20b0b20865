using System.Globalization;

namespace CltvDashboard.Infrastructure.Data;

/// <summary>
/// The nightly recalculation's schedule as most people set it, once a night at a time of day, in the cron expression
/// the setting stores (<see cref="Entities.BusinessSettings.NightlyCron"/>, in the business's time zone); any other
/// cron expression stays a cron expression, for the experts who need one.
/// </summary>
public static class NightlySchedule
{
    /// <summary>The cron expression of every night at a time of day: <c>30 2 * * *</c> for 02:30.</summary>
    /// <param name="time">The time of day, to the minute.</param>
    public static string DailyAt(TimeOnly time) => string.Create(CultureInfo.InvariantCulture, $"{time.Minute} {time.Hour} * * *");

    /// <summary>The time of day of a cron expression that runs once every night; null for any other expression.</summary>
    /// <param name="cron">A five-field cron expression.</param>
    public static TimeOnly? DailyTime(string? cron)
    {
        if (cron?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is not [var minute, var hour, "*", "*", "*"]
            || !int.TryParse(minute, NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m > 59
            || !int.TryParse(hour, NumberStyles.None, CultureInfo.InvariantCulture, out var h) || h > 23)
        {
            return null;
        }

        return new TimeOnly(h, m);
    }
}
