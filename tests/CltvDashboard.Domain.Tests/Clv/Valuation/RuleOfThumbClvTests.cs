using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Clv.Valuation;

public class RuleOfThumbClvTests
{
    [Fact]
    public void Clv_is_value_times_frequency_times_lifespan_minus_acquisition_cost()
    {
        // $50 a purchase, 4 purchases a year, 3 years, $100 to acquire: 50 × 4 × 3 − 100.
        RuleOfThumbClv.Compute(50, 4, 3, 100).Should().Be(500);
    }

    [Fact]
    public void Lifespan_is_the_inverse_of_yearly_churn()
    {
        RuleOfThumbClv.LifespanFromYearlyChurn(0.25).Should().Be(4);
        RuleOfThumbClv.LifespanFromYearlyChurn(1).Should().Be(1);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Churn_outside_zero_to_one_is_rejected(double churn)
    {
        FluentActions.Invoking(() => RuleOfThumbClv.LifespanFromYearlyChurn(churn))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("The yearly churn rate must be above 0 and at most 1*");
    }

    [Theory]
    [InlineData(double.NaN, 4, 3, 0, "average purchase value")]
    [InlineData(50, -1, 3, 0, "number of purchases per year")]
    [InlineData(50, 4, double.PositiveInfinity, 0, "expected lifespan")]
    [InlineData(50, 4, 3, -10, "acquisition cost")]
    public void Inputs_out_of_range_are_rejected_with_a_clear_message(double value, double frequency, double lifespan, double cost, string subject)
    {
        FluentActions.Invoking(() => RuleOfThumbClv.Compute(value, frequency, lifespan, cost))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*{subject}*");
    }

    [Fact]
    public void Averages_come_from_revenue_occasions_customers_and_the_observed_span()
    {
        CustomerSummary[] customers =
        [
            Summary("a", new DateOnly(2024, 1, 1), frequency: 2, revenue: 60m),
            Summary("b", new DateOnly(2024, 3, 1), frequency: 0, revenue: 20m),
            Summary("c", new DateOnly(2024, 6, 1), frequency: 1, revenue: 40m),
        ];

        var averages = RuleOfThumbClv.Averages(customers, new DateOnly(2024, 12, 30));

        // 120 revenue over 3 + 1 + 2 = 6 occasions; 6 occasions / 3 customers over 365 days = 365/365.25 years.
        averages.AveragePurchaseValue.Should().Be(20.0);
        averages.ObservedYears.Should().BeApproximately(365 / 365.25, 1e-12);
        averages.PurchasesPerYear.Should().BeApproximately(2.0 * 365.25 / 365, 1e-12);
        averages.PurchaseOccasions.Should().Be(6);
        averages.Customers.Should().Be(3);
        averages.Revenue.Should().Be(120m);
    }

    [Fact]
    public void Cdnow_averages_count_every_calibration_occasion()
    {
        var summary = Cdnow.SampleSummary;

        var averages = RuleOfThumbClv.Averages(summary.Customers, Cdnow.CalibrationEnd);

        // 2,357 first purchases and 2,457 repeat occasions over 1997-01-01 .. 1997-09-30 (273 days).
        averages.PurchaseOccasions.Should().Be(2357 + 2457);
        averages.ObservedYears.Should().BeApproximately(273 / 365.25, 1e-12);
        averages.PurchasesPerYear.Should().BeApproximately(4814.0 / 2357 / (273 / 365.25), 1e-9);
        averages.AveragePurchaseValue.Should().BeInRange(20, 60, "CDNOW orders were CDs at tens of dollars");
    }

    [Fact]
    public void Averages_need_customers_and_a_period_end_after_the_first_purchase()
    {
        FluentActions.Invoking(() => RuleOfThumbClv.Averages([], new DateOnly(2024, 1, 1)))
            .Should().Throw<ArgumentException>().WithMessage("At least one customer*");
        FluentActions.Invoking(() => RuleOfThumbClv.Averages([Summary("a", new DateOnly(2024, 5, 1), 0, 10m)], new DateOnly(2024, 1, 1)))
            .Should().Throw<ArgumentException>().WithMessage("The period end 2024-01-01 is before the earliest first purchase 2024-05-01*");
    }

    [Fact]
    public void Yearly_retention_is_the_share_of_last_years_buyers_before_that_who_bought_again()
    {
        var end = new DateOnly(2024, 12, 31);
        var log = new TransactionLog();
        log.Add("kept", end.AddDays(-500), 10m);
        log.Add("kept", end.AddDays(-10), 10m);
        log.Add("lost", end.AddDays(-400), 10m);
        log.Add("lost", end.AddDays(-380), 10m);
        // A refund alone is no purchase occasion: this customer did not buy in the last year.
        log.Add("refunded", end.AddDays(-600), 10m);
        log.Add("refunded", end.AddDays(-5), -10m);
        // Bought only in the last year, or only before the year before the last: not counted.
        log.Add("new", end.AddDays(-30), 10m);
        log.Add("gone long ago", end.AddDays(-900), 10m);
        // After the observation end: ignored.
        log.Add("lost", end.AddDays(3), 10m);

        var retention = RuleOfThumbClv.ObservedYearlyRetention(log, end);

        retention.CustomersBefore.Should().Be(3);
        retention.Retained.Should().Be(1);
        retention.Rate.Should().BeApproximately(1 / 3.0, 1e-12);
        RuleOfThumbClv.LifespanFromRetention(retention).Should().BeApproximately(1.5, 1e-12);
    }

    [Fact]
    public void A_history_of_a_year_or_less_or_nobody_lost_gives_no_lifespan()
    {
        var end = new DateOnly(2024, 12, 31);
        var young = new TransactionLog();
        young.Add("a", end.AddDays(-364), 10m);
        young.Add("a", end, 10m);
        var loyal = new TransactionLog();
        loyal.Add("a", end.AddDays(-400), 10m);
        loyal.Add("a", end, 10m);

        var none = RuleOfThumbClv.ObservedYearlyRetention(young, end);
        var everybody = RuleOfThumbClv.ObservedYearlyRetention(loyal, end);

        none.Rate.Should().BeNull();
        RuleOfThumbClv.LifespanFromRetention(none).Should().BeNull();
        everybody.Rate.Should().Be(1);
        RuleOfThumbClv.LifespanFromRetention(everybody).Should().BeNull("nobody was lost, so the formula's lifespan is unbounded");
    }

    private static CustomerSummary Summary(string id, DateOnly first, int frequency, decimal revenue) =>
        new(id, first, first, frequency, 0, 0, 0, revenue, 0, 0m);
}
