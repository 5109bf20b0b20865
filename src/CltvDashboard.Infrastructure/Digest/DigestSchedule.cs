namespace CltvDashboard.Infrastructure.Digest;

/// <summary>
/// When a weekly digest is due: its slot is a day of the week and an hour in the business's time zone, and it is due
/// from that instant until it has been sent for it. A process that was down at the slot sends on its next check, up to
/// <see cref="LatestDelay"/> late; after that the week is skipped rather than a stale digest arriving on the wrong day.
/// </summary>
public static class DigestSchedule
{
    /// <summary>How late a digest may still go out after its slot.</summary>
    public static readonly TimeSpan LatestDelay = TimeSpan.FromHours(12);

    /// <summary>The latest slot at or before <paramref name="nowUtc"/>, in UTC.</summary>
    /// <param name="day">The day of the week.</param>
    /// <param name="hour">The hour, 0–23, in <paramref name="zone"/>.</param>
    /// <param name="zone">The business's time zone.</param>
    /// <param name="nowUtc">Now, in UTC.</param>
    public static DateTime LatestSlotUtc(DayOfWeek day, int hour, TimeZoneInfo zone, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone);
        var slot = local.Date.AddDays(-(((int)local.DayOfWeek - (int)day + 7) % 7)).AddHours(hour);
        var slotUtc = ToUtc(slot, zone);
        return slotUtc > nowUtc ? ToUtc(slot.AddDays(-7), zone) : slotUtc;
    }

    /// <summary>Whether a subscription's digest is due now, and for which slot.</summary>
    /// <param name="day">The subscription's day.</param>
    /// <param name="hour">Its hour.</param>
    /// <param name="subscribedAtUtc">When it began: a slot before it is not owed.</param>
    /// <param name="lastScheduledForUtc">The slot of the last digest sent, if any.</param>
    /// <param name="zone">The business's time zone.</param>
    /// <param name="nowUtc">Now, in UTC.</param>
    /// <returns>The slot the digest is due for; null when none is.</returns>
    public static DateTime? DueSlotUtc(DayOfWeek day, int hour, DateTime subscribedAtUtc, DateTime? lastScheduledForUtc, TimeZoneInfo zone, DateTime nowUtc)
    {
        var slot = LatestSlotUtc(day, hour, zone, nowUtc);
        var owed = slot >= subscribedAtUtc && (lastScheduledForUtc is null || lastScheduledForUtc < slot);
        return owed && nowUtc - slot <= LatestDelay ? slot : null;
    }

    // An hour the clocks skip (spring forward) is taken as the first instant after the gap, so the digest still goes that day.
    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }
}
