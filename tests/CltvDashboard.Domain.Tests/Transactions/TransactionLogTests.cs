using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Transactions;

public class TransactionLogTests
{
    [Fact]
    public void Rows_added_as_spans_are_grouped_by_customer_whether_adjacent_or_apart()
    {
        var log = new TransactionLog();
        var day = new DateOnly(2024, 1, 1);
        foreach (var (customer, offset, amount) in new[] { ("a", 0, 1m), ("a", 1, 2m), ("b", 0, 3m), ("ab", 2, 4m), ("a", 3, 5m), ("b", 1, 6m) })
        {
            log.Add(customer.AsSpan(), day.AddDays(offset), amount);
        }

        log.CustomerCount.Should().Be(3);
        var rows = log.GroupByCustomer();
        Enumerable.Range(0, log.CustomerCount).Select(i => (log.CustomerId(i), rows.Offsets[i + 1] - rows.Offsets[i]))
            .Should().Equal(("a", 3), ("b", 2), ("ab", 1));
    }

    [Fact]
    public void Removed_rows_leave_the_others_in_order_with_refunds_and_days_recounted()
    {
        var log = new TransactionLog();
        var day = new DateOnly(2024, 1, 10);
        log.Add("a", day, 5m);
        log.Add("b", day.AddDays(-9), -2m);
        log.Add("a", day.AddDays(3), 7m);
        log.Add("c", day.AddDays(20), 1m);

        log.RemoveRows([1, 3]);

        log.Count.Should().Be(2);
        log.RefundRows.Should().Be(0);
        log.FirstDay.Should().Be(day);
        log.LastDay.Should().Be(day.AddDays(3));
        var rows = log.GroupByCustomer();
        (rows.Offsets[1] - rows.Offsets[0]).Should().Be(2, "both of a's rows stay");
        rows.Amounts.Take(2).Should().Equal(5m, 7m);
    }

    [Fact]
    public void Rows_to_remove_must_be_ascending_and_in_the_log()
    {
        var log = new TransactionLog();
        log.Add("a", new DateOnly(2024, 1, 1), 5m);
        log.Add("a", new DateOnly(2024, 1, 2), 5m);

        ((Action)(() => log.RemoveRows([1, 0]))).Should().Throw<ArgumentException>();
        ((Action)(() => log.RemoveRows([2]))).Should().Throw<ArgumentException>();
        log.Count.Should().Be(2);
    }

    [Fact]
    public void A_million_customers_keep_their_numbers_and_ids_whether_added_as_text_or_spans()
    {
        var log = new TransactionLog();
        var day = new DateOnly(2024, 1, 1);
        for (var i = 0; i < 1_000_000; i++)
        {
            log.Add(i % 2 == 0 ? $"customer-{i}" : $"customer-{i}".AsSpan(), day, 1m);
        }

        for (var i = 999_999; i >= 0; i -= 7)
        {
            log.Add($"customer-{i}".AsSpan(), day, 1m);
        }

        log.CustomerCount.Should().Be(1_000_000);
        log.CustomerId(0).Should().Be("customer-0");
        log.CustomerId(765_432).Should().Be("customer-765432");
    }
}
