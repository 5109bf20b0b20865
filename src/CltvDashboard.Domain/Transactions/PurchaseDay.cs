namespace CltvDashboard.Domain.Transactions;

/// <summary>
/// The one rule for the calendar day a purchase falls on, shared by the import, the recalculation and the command
/// line so that one file gives the same purchase occasions everywhere: a timestamp that names its offset (or UTC) is
/// an instant and falls on the day the business's clock showed at that instant; a bare date or a local date-time is
/// already on the business's clock and falls on the day written.
/// </summary>
/// <remarks>
/// The store keeps every transaction as a UTC instant, so a local time written in the file is turned into the instant
/// it names on the business's clock (<see cref="ToInstant"/>), chosen so that cutting it again (<see cref="Of(DateTimeOffset, TimeZoneInfo)"/>)
/// gives back the day written, even in a daylight-saving gap or overlap.
/// </remarks>
public static class PurchaseDay
{
    /// <summary>The day of a timestamp as read from a file.</summary>
    /// <param name="local">The date and time as written, without its offset (the kind is ignored).</param>
    /// <param name="offset">The offset written after the time (zero for 'Z' or 'UTC'), or null when none was written.</param>
    /// <param name="zone">The business's time zone.</param>
    /// <returns>With an offset, the day in <paramref name="zone"/> at that instant; without one, the date of <paramref name="local"/>.</returns>
    public static DateOnly Of(DateTime local, TimeSpan? offset, TimeZoneInfo zone) =>
        offset is { } written ? Of(new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), written), zone) : DateOnly.FromDateTime(local);

    /// <summary>The day the business's clock showed at an instant.</summary>
    /// <param name="instant">When the purchase happened; its offset only fixes the instant.</param>
    /// <param name="zone">The business's time zone.</param>
    public static DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var utc = instant.UtcDateTime;
        return IsUtc(zone) ? DateOnly.FromDateTime(utc) : DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));
    }

    // The command line's default zone; converting would only cost time on millions of rows.
    private static bool IsUtc(TimeZoneInfo zone) => zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime;

    /// <summary>
    /// The instant a local date-time names on the business's clock, such that <see cref="Of(DateTimeOffset, TimeZoneInfo)"/>
    /// gives back its date.
    /// </summary>
    /// <param name="local">The date and time as written (the kind is ignored).</param>
    /// <param name="zone">The business's time zone.</param>
    /// <returns>
    /// The instant with the offset <see cref="TimeZoneInfo.GetUtcOffset(DateTime)"/> gives: a time the clock showed twice
    /// (an overlap) is taken on the standard offset, a time the clock skipped (a gap) on the standard offset too, which
    /// lands later on the same day. Where even that would change the day (a gap across midnight), the day's first
    /// instant stands in.
    /// </returns>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (IsUtc(zone))
        {
            return new DateTimeOffset(local, TimeSpan.Zero);
        }

        // The offset GetUtcOffset gives is the one stored instants (and the content hashes made of them) were always
        // made with, so a file imported again matches its earlier rows.
        var instant = new DateTimeOffset(local, zone.GetUtcOffset(local));
        var day = DateOnly.FromDateTime(local);
        return Of(instant, zone) == day ? instant : FirstInstantOf(day, zone);
    }

    private static DateTimeOffset FirstInstantOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        for (var minutes = 0; minutes < 24 * 60; minutes += 15)
        {
            var candidate = midnight.AddMinutes(minutes);
            if (!zone.IsInvalidTime(candidate))
            {
                return new DateTimeOffset(candidate, zone.GetUtcOffset(candidate));
            }
        }

        return new DateTimeOffset(midnight, zone.BaseUtcOffset);
    }
}
