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
}
