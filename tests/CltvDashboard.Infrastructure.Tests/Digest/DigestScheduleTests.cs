using CltvDashboard.Infrastructure.Digest;

namespace CltvDashboard.Infrastructure.Tests.Digest;

public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_monday_8_oclock_digest_in_berlin_is_due_from_7_utc_in_winter()
    {
        var monday = new DateTime(2026, 12, 7, 7, 0, 0, DateTimeKind.Utc);

        Due(DayOfWeek.Monday, 8, Berlin, monday.AddMinutes(-1)).Should().BeNull("it is 07:59 in Berlin");
        Due(DayOfWeek.Monday, 8, Berlin, monday).Should().Be(monday);
        Due(DayOfWeek.Monday, 8, Berlin, monday.AddHours(3)).Should().Be(monday, "a process that was down sends when it is back");
    }

    [Fact]
    public void A_slot_already_sent_is_not_sent_again_but_next_weeks_is()
    {
        var slot = new DateTime(2026, 12, 7, 7, 0, 0, DateTimeKind.Utc);

        DigestSchedule.DueSlotUtc(DayOfWeek.Monday, 8, LongAgo, slot, Berlin, slot.AddMinutes(15)).Should().BeNull();
        DigestSchedule.DueSlotUtc(DayOfWeek.Monday, 8, LongAgo, slot, Berlin, slot.AddDays(7)).Should().Be(slot.AddDays(7));
    }

    [Fact]
    public void A_slot_before_the_user_subscribed_is_not_owed()
    {
        var slot = new DateTime(2026, 12, 7, 7, 0, 0, DateTimeKind.Utc);

        DigestSchedule.DueSlotUtc(DayOfWeek.Monday, 8, slot.AddMinutes(5), null, Berlin, slot.AddMinutes(30)).Should().BeNull();
    }

    [Fact]
    public void A_digest_more_than_half_a_day_late_waits_for_next_week()
    {
        var slot = new DateTime(2026, 12, 7, 7, 0, 0, DateTimeKind.Utc);

        Due(DayOfWeek.Monday, 8, Berlin, slot.AddHours(12)).Should().Be(slot);
        Due(DayOfWeek.Monday, 8, Berlin, slot.AddHours(12).AddMinutes(1)).Should().BeNull();
    }

    [Fact]
    public void Summer_time_moves_the_utc_slot_with_the_clocks()
    {
        Due(DayOfWeek.Monday, 8, Berlin, new DateTime(2026, 7, 6, 6, 0, 0, DateTimeKind.Utc)).Should().Be(new DateTime(2026, 7, 6, 6, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void An_hour_the_clocks_skip_sends_right_after_the_gap()
    {
        // 29 March 2026: Berlin's clocks jump from 02:00 to 03:00, which is 01:00 UTC.
        Due(DayOfWeek.Sunday, 2, Berlin, new DateTime(2026, 3, 29, 1, 5, 0, DateTimeKind.Utc)).Should().Be(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void A_half_hour_zone_gets_its_digest_at_its_own_hour()
    {
        // 09:00 in Kolkata (UTC+05:30) is 03:30 UTC.
        Due(DayOfWeek.Wednesday, 9, Kolkata, new DateTime(2026, 12, 9, 3, 29, 0, DateTimeKind.Utc)).Should().BeNull();
        Due(DayOfWeek.Wednesday, 9, Kolkata, new DateTime(2026, 12, 9, 3, 30, 0, DateTimeKind.Utc)).Should().Be(new DateTime(2026, 12, 9, 3, 30, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void The_latest_slot_of_a_sunday_digest_on_a_monday_is_the_day_before()
    {
        var monday = new DateTime(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

        DigestSchedule.LatestSlotUtc(DayOfWeek.Sunday, 18, TimeZoneInfo.Utc, monday).Should().Be(new DateTime(2026, 12, 6, 18, 0, 0, DateTimeKind.Utc));
        DigestSchedule.LatestSlotUtc(DayOfWeek.Monday, 18, TimeZoneInfo.Utc, monday).Should().Be(new DateTime(2026, 11, 30, 18, 0, 0, DateTimeKind.Utc), "today's 18:00 has not come yet");
    }

    private static DateTime? Due(DayOfWeek day, int hour, TimeZoneInfo zone, DateTime nowUtc) =>
        DigestSchedule.DueSlotUtc(day, hour, LongAgo, null, zone, nowUtc);
}
