using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Infrastructure.Tests.Import;

public class CustomerRunTests
{
    [Fact]
    public void Equal_keys_in_one_customers_run_are_counted_and_a_new_customer_starts_over()
    {
        var run = new CustomerRun();

        run.Occurrence("a", 1).Should().Be(0);
        run.Started.Should().BeTrue();
        run.Occurrence("a", 1).Should().Be(1);
        run.Started.Should().BeFalse();
        run.Occurrence("a", 2).Should().Be(0);
        run.Occurrence("a", 1).Should().Be(2);
        run.Occurrence("b", 1).Should().Be(0);
        run.Started.Should().BeTrue();
        run.Occurrence("a", 1).Should().Be(0);
    }

    [Fact]
    public void A_long_run_with_many_keys_counts_as_a_short_one()
    {
        var run = new CustomerRun();
        for (ulong key = 0; key < 500; key++)
        {
            run.Occurrence("big", key).Should().Be(0);
        }

        for (ulong key = 0; key < 500; key++)
        {
            run.Occurrence("big", key).Should().Be(1);
        }

        run.Occurrence("next", 3).Should().Be(0);
        run.Occurrence("next", 3).Should().Be(1);
    }
}
