using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Transactions;

public class PurchaseOccasionsTests
{
    private static readonly DateOnly Day1 = new(2024, 1, 1);

    [Fact]
    public void A_days_rows_net_into_one_occasion_in_day_order()
    {
        var occasions = PurchaseOccasions.Of([(Day1.AddDays(3), 5m), (Day1, 10m), (Day1, 2.5m), (Day1.AddDays(3), 0m)]);

        occasions.Should().Equal((Day1, 12.5m), (Day1.AddDays(3), 5m));
    }

    [Fact]
    public void A_purchase_refunded_the_same_day_and_a_lone_refund_are_not_occasions_but_a_partial_refund_is()
    {
        var occasions = PurchaseOccasions.Of(
        [
            (Day1, 20m), (Day1, -20m),
            (Day1.AddDays(1), -7m),
            (Day1.AddDays(2), 30m), (Day1.AddDays(2), -10m),
            (Day1.AddDays(3), 0m),
        ]);

        occasions.Should().Equal((Day1.AddDays(2), 20m), (Day1.AddDays(3), 0m));
    }

    [Fact]
    public void The_summary_counts_the_same_occasions()
    {
        var rows = new (DateOnly Day, decimal Amount)[] { (Day1, 20m), (Day1, -20m), (Day1.AddDays(5), 8m), (Day1.AddDays(9), -3m), (Day1.AddDays(20), 4m) };
        var builder = new CustomerSummaryBuilder();
        foreach (var (day, amount) in rows)
        {
            builder.Add("c", day, amount);
        }

        var summary = builder.Build(new SummaryPeriod(Day1.AddDays(30), Day1.AddDays(30), TimeUnit.Day)).Customers.Single();

        summary.Frequency.Should().Be(PurchaseOccasions.Of(rows).Count - 1);
        summary.FirstPurchase.Should().Be(PurchaseOccasions.Of(rows)[0].Day);
    }
}
