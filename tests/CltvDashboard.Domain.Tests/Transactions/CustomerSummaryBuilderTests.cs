using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Transactions;

public class CustomerSummaryBuilderTests
{
    private static readonly DateOnly CalibrationEnd = new(2024, 3, 31);
    private static readonly DateOnly ObservationEnd = new(2024, 6, 30);

    [Fact]
    public void Cdnow_sample_gives_fader_hardie_published_summary()
    {
        var summary = Cdnow.SampleSummary;

        summary.Customers.Should().HaveCount(2357);
        summary.Customers.Count(c => c.Frequency == 0).Should().Be(1411);
        summary.Customers.Sum(c => c.Frequency).Should().Be(2457);
        summary.Customers.Sum(c => c.HoldoutFrequency).Should().Be(1882);
        summary.CustomersFirstSeenInHoldout.Should().Be(0);
    }

    [Fact]
    public void Cdnow_sample_customer_one_has_the_published_recency_and_age()
    {
        // Fader & Hardie's summary file: customer 1 has x = 2, t_x = 30.43, T = 38.86.
        var first = Cdnow.SampleSummary.Customers.Single(c => c.CustomerId == "1");

        first.Frequency.Should().Be(2);
        first.Recency.Should().BeApproximately(30.43, 0.005);
        first.T.Should().BeApproximately(38.86, 0.005);
    }

    [Fact]
    public void Cdnow_master_gives_every_customer_of_the_cohort()
    {
        var summary = Cdnow.Summarize(Cdnow.Master, TimeUnit.Week);

        summary.Customers.Should().HaveCount(23570);
        summary.TransactionsRead.Should().Be(69659);
    }

    [Fact]
    public void Transactions_on_one_day_are_one_occasion_with_amounts_summed()
    {
        var summary = Build(
            ("a", "2024-01-01", 10m),
            ("a", "2024-01-05", 4m),
            ("a", "2024-01-05", 6m),
            ("a", "2024-01-08", 20m));

        var customer = summary.Customers.Single();
        customer.Frequency.Should().Be(2);
        customer.MonetaryValue.Should().Be(15.0);
        customer.Revenue.Should().Be(40m);
    }

    [Fact]
    public void Recency_and_age_are_measured_in_the_chosen_unit()
    {
        var rows = new[] { ("a", "2024-01-01", 10m), ("a", "2024-01-15", 10m) };

        Build(TimeUnit.Day, rows).Customers[0].Should().Match<CustomerSummary>(c => c.Recency == 14 && c.T == 90);
        Build(TimeUnit.Week, rows).Customers[0].Recency.Should().Be(2.0);
        Build(TimeUnit.Month, rows).Customers[0].T.Should().BeApproximately(90 / (365.25 / 12), 1e-12);
    }

    [Fact]
    public void Monetary_value_excludes_the_first_purchase()
    {
        var customer = Build(("a", "2024-01-01", 100m), ("a", "2024-02-01", 10m), ("a", "2024-03-01", 20m)).Customers[0];

        customer.MonetaryValue.Should().Be(15.0);
        customer.Revenue.Should().Be(130m);
    }

    [Fact]
    public void One_time_buyer_has_zero_frequency_recency_and_monetary_value()
    {
        var customer = Build(("a", "2024-02-01", 50m)).Customers[0];

        customer.Should().Match<CustomerSummary>(c => c.Frequency == 0 && c.Recency == 0 && c.MonetaryValue == 0 && c.Revenue == 50m);
    }

    [Fact]
    public void Zero_amount_purchase_is_an_occasion_worth_nothing()
    {
        var customer = Build(("a", "2024-01-01", 10m), ("a", "2024-01-02", 0m)).Customers[0];

        customer.Frequency.Should().Be(1);
        customer.MonetaryValue.Should().Be(0.0);
    }

    [Fact]
    public void Same_day_refund_that_cancels_the_order_is_not_an_occasion()
    {
        var customer = Build(("a", "2024-01-01", 10m), ("a", "2024-01-10", 30m), ("a", "2024-01-10", -30m)).Customers[0];

        customer.Frequency.Should().Be(0);
        customer.LastPurchase.Should().Be(new DateOnly(2024, 1, 1));
        customer.Revenue.Should().Be(10m);
    }

    [Fact]
    public void Partial_refund_on_the_same_day_reduces_the_occasion_value()
    {
        var customer = Build(("a", "2024-01-01", 10m), ("a", "2024-01-10", 30m), ("a", "2024-01-10", -5m)).Customers[0];

        customer.Frequency.Should().Be(1);
        customer.MonetaryValue.Should().Be(25.0);
    }

    [Fact]
    public void Later_refund_reduces_revenue_but_not_occasions_or_monetary_value()
    {
        var summary = Build(("a", "2024-01-01", 10m), ("a", "2024-01-10", 30m), ("a", "2024-01-20", -30m));

        var customer = summary.Customers[0];
        customer.Frequency.Should().Be(1);
        customer.MonetaryValue.Should().Be(30.0);
        customer.Revenue.Should().Be(10m);
        summary.RefundRows.Should().Be(1);
    }

    [Fact]
    public void A_customer_whose_every_purchase_is_cancelled_on_its_day_is_left_out_with_the_net_of_all_their_rows_kept()
    {
        // b bought and cancelled on the same day, then was refunded 4.50 for an order the log does not hold.
        var summary = Build(
            ("a", "2024-01-01", 10m), ("b", "2024-01-05", 25m), ("b", "2024-01-05", -25m), ("b", "2024-02-01", -4.50m), ("c", "2024-01-03", -2m));

        summary.Customers.Should().ContainSingle(c => c.CustomerId == "a");
        summary.CustomersWithoutPurchase.Should().Be(2);
        summary.RevenueWithoutPurchase.Should().Be(-6.50m);
    }

    [Fact]
    public void Customer_with_only_refunds_is_counted_and_left_out()
    {
        var summary = Build(("a", "2024-01-01", 10m), ("b", "2024-01-02", -10m));

        summary.Customers.Should().ContainSingle(c => c.CustomerId == "a");
        summary.CustomersWithoutPurchase.Should().Be(1);
    }

    [Fact]
    public void Holdout_purchases_are_counted_separately_from_calibration()
    {
        var customer = Build(("a", "2024-03-01", 10m), ("a", "2024-04-02", 20m), ("a", "2024-04-02", 5m), ("a", "2024-05-01", 40m)).Customers[0];

        customer.Frequency.Should().Be(0);
        customer.HoldoutFrequency.Should().Be(2);
        customer.HoldoutRevenue.Should().Be(65m);
    }

    [Fact]
    public void Customer_first_seen_after_calibration_is_not_modelled()
    {
        var summary = Build(("a", "2024-03-01", 10m), ("b", "2024-04-02", 20m));

        summary.Customers.Should().ContainSingle().Which.CustomerId.Should().Be("a");
        summary.CustomersFirstSeenInHoldout.Should().Be(1);
    }

    [Fact]
    public void Rows_after_the_observation_end_are_ignored_and_counted()
    {
        var summary = Build(("a", "2024-03-01", 10m), ("a", "2024-07-01", 20m));

        summary.Customers[0].HoldoutFrequency.Should().Be(0);
        summary.TransactionsAfterObservationEnd.Should().Be(1);
    }

    [Fact]
    public void Row_order_does_not_change_the_summary()
    {
        var rows = new[] { ("a", "2024-01-03", 5m), ("b", "2024-02-01", 7m), ("a", "2024-01-01", 10m), ("a", "2024-02-11", 1m) };

        var forward = Build(rows).Customers.OrderBy(c => c.CustomerId);
        var backward = Build([.. rows.Reverse()]).Customers.OrderBy(c => c.CustomerId);

        forward.Should().Equal(backward);
    }

    [Fact]
    public void Span_and_string_identifiers_refer_to_the_same_customer()
    {
        var builder = new CustomerSummaryBuilder();
        builder.Add("a", new DateOnly(2024, 1, 1), 1m);
        builder.Add("a".AsSpan(), new DateOnly(2024, 1, 2), 1m);

        builder.CustomerCount.Should().Be(1);
    }

    [Fact]
    public void Empty_customer_identifier_is_rejected()
    {
        var builder = new CustomerSummaryBuilder();

        builder.Invoking(b => b.Add(string.Empty, new DateOnly(2024, 1, 1), 1m)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Observation_end_before_calibration_end_is_rejected()
    {
        var builder = new CustomerSummaryBuilder();

        builder.Invoking(b => b.Build(new SummaryPeriod(ObservationEnd, CalibrationEnd, TimeUnit.Week)))
            .Should().Throw<ArgumentException>().WithMessage("*before the calibration end*");
    }

    private static TransactionSummary Build(params (string Customer, string Day, decimal Amount)[] rows) => Build(TimeUnit.Day, rows);

    private static TransactionSummary Build(TimeUnit unit, params (string Customer, string Day, decimal Amount)[] rows)
    {
        var builder = new CustomerSummaryBuilder();
        foreach (var (customer, day, amount) in rows)
        {
            builder.Add(customer, DateOnly.Parse(day), amount);
        }

        return builder.Build(new SummaryPeriod(CalibrationEnd, ObservationEnd, unit));
    }
}
