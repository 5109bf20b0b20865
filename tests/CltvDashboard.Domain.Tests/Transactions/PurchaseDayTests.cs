using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Transactions;

public class PurchaseDayTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void An_offset_that_crosses_midnight_in_the_business_zone_moves_the_purchase_to_the_next_day()
    {
        // 23:30 in New York (UTC-5 in winter) is 05:30 the next morning in Paris.
        var day = PurchaseDay.Of(new DateTime(2024, 1, 15, 23, 30, 0), TimeSpan.FromHours(-5), Paris);

        day.Should().Be(new DateOnly(2024, 1, 16));
    }

    [Fact]
    public void An_offset_that_crosses_midnight_backwards_moves_the_purchase_to_the_previous_day()
    {
        var day = PurchaseDay.Of(new DateTime(2024, 1, 16, 3, 0, 0), TimeSpan.FromHours(2), NewYork);

        day.Should().Be(new DateOnly(2024, 1, 15));
    }

    [Theory]
    [InlineData(23, 30, "2024-07-02")] // 23:30Z is 01:30 CEST the next day.
    [InlineData(21, 59, "2024-07-01")]
    [InlineData(22, 0, "2024-07-02")]
    public void A_utc_time_falls_on_the_day_the_business_clock_showed(int hour, int minute, string expected)
    {
        var day = PurchaseDay.Of(new DateTime(2024, 7, 1, hour, minute, 0), TimeSpan.Zero, Paris);

        day.Should().Be(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void In_utc_an_instant_falls_on_its_utc_date()
    {
        var day = PurchaseDay.Of(new DateTimeOffset(2024, 7, 1, 23, 30, 0, TimeSpan.FromHours(-4)), TimeZoneInfo.Utc);

        day.Should().Be(new DateOnly(2024, 7, 2));
    }

    [Theory]
    [InlineData("2024-03-31T00:00:00")]
    [InlineData("2024-03-31T23:59:59")]
    [InlineData("2024-10-27T00:00:00")]
    public void A_bare_date_or_local_time_is_taken_as_written_whatever_the_zone(string written)
    {
        var local = DateTime.Parse(written, System.Globalization.CultureInfo.InvariantCulture);

        foreach (var zone in new[] { Paris, NewYork, TimeZoneInfo.Utc })
        {
            PurchaseDay.Of(local, null, zone).Should().Be(DateOnly.FromDateTime(local));
            PurchaseDay.Of(PurchaseDay.ToInstant(local, zone), zone).Should().Be(DateOnly.FromDateTime(local), zone.Id);
        }
    }

    [Fact]
    public void A_local_time_the_clock_skipped_is_stored_on_the_same_day()
    {
        // Paris skipped 02:00-03:00 on 31 March 2024.
        var skipped = new DateTime(2024, 3, 31, 2, 30, 0);
        Paris.IsInvalidTime(skipped).Should().BeTrue();

        var instant = PurchaseDay.ToInstant(skipped, Paris);

        instant.UtcDateTime.Should().Be(new DateTime(2024, 3, 31, 1, 30, 0));
        PurchaseDay.Of(instant, Paris).Should().Be(new DateOnly(2024, 3, 31));
    }

    [Fact]
    public void A_local_time_the_clock_showed_twice_is_stored_on_the_standard_offset_and_the_same_day()
    {
        // Paris showed 02:00-03:00 twice on 27 October 2024.
        var twice = new DateTime(2024, 10, 27, 2, 30, 0);
        Paris.IsAmbiguousTime(twice).Should().BeTrue();

        var instant = PurchaseDay.ToInstant(twice, Paris);

        instant.Offset.Should().Be(TimeSpan.FromHours(1));
        PurchaseDay.Of(instant, Paris).Should().Be(new DateOnly(2024, 10, 27));
    }

    [Fact]
    public void A_midnight_the_clock_skipped_stays_on_its_day()
    {
        // Santiago's clocks went from 00:00 straight to 01:00 on 8 September 2024.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var midnight = new DateTime(2024, 9, 8, 0, 0, 0);
        santiago.IsInvalidTime(midnight).Should().BeTrue();

        var instant = PurchaseDay.ToInstant(midnight, santiago);

        PurchaseDay.Of(instant, santiago).Should().Be(new DateOnly(2024, 9, 8));
    }

    [Fact]
    public void Local_times_off_a_transition_keep_their_zone_offset()
    {
        var instant = PurchaseDay.ToInstant(new DateTime(2024, 7, 1, 0, 0, 0), Paris);

        instant.Should().Be(new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.FromHours(2)));
    }
}
