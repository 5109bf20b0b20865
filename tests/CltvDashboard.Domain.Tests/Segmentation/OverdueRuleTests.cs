using CltvDashboard.Domain.Segmentation;

namespace CltvDashboard.Domain.Tests.Segmentation;

public sealed class OverdueRuleTests
{
    private static readonly DateOnly Today = new(2025, 3, 20);

    [Theory]
    [InlineData(2, "2025-03-14", 6)]
    [InlineData(9, "2025-03-19", 1)]
    public void A_regular_whose_expected_day_passed_is_overdue_by_the_days_since(int repeatPurchases, string expected, int days)
    {
        OverdueRule.DaysOverdue(repeatPurchases, DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Today).Should().Be(days);
    }

    [Theory]
    [InlineData(2, "2025-03-20")]
    [InlineData(2, "2025-04-01")]
    [InlineData(1, "2024-01-01")]
    [InlineData(0, "2024-01-01")]
    [InlineData(5, null)]
    public void Nobody_is_overdue_before_the_day_passes_without_two_repeat_purchases_or_without_an_expected_day(int repeatPurchases, string? expected)
    {
        var day = expected is null ? (DateOnly?)null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);

        OverdueRule.DaysOverdue(repeatPurchases, day, Today).Should().BeNull();
    }

    [Theory]
    [InlineData("2025-03-20", 90, true)]
    [InlineData("2024-12-20", 90, true)]
    [InlineData("2024-12-19", 90, false)]
    public void Overdue_is_judged_only_while_the_data_end_within_the_window_before_today(string observationEnd, int windowDays, bool judged)
    {
        var end = DateOnly.Parse(observationEnd, System.Globalization.CultureInfo.InvariantCulture);

        OverdueRule.JudgedOn(end, Today, windowDays).Should().Be(judged ? Today : null);
    }
}
