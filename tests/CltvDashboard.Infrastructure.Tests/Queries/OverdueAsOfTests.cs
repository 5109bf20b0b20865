using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;

namespace CltvDashboard.Infrastructure.Tests.Queries;

public class OverdueAsOfTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    [Theory]
    [InlineData(0, true)]
    [InlineData(90, true)]
    [InlineData(91, false)]
    [InlineData(10_000, false)]
    public void Overdue_is_judged_today_only_while_the_runs_data_end_within_the_window(int daysSinceDataEnd, bool judged)
    {
        var context = Context(Today.AddDays(-daysSinceDataEnd));

        context.OverdueAsOf.Should().Be(judged ? Today : null);
    }

    [Fact]
    public void Without_a_run_nobody_is_judged_overdue() =>
        (new DashboardContext(null, null, null, "USD", "UTC", 0.5, 12, null) { Today = Today }).OverdueAsOf.Should().BeNull();

    private static DashboardContext Context(DateOnly observationEnd) =>
        new(new RunHeader(1, CalculationRunStatus.Succeeded, DateTime.UtcNow, observationEnd, DateTime.UtcNow, null, 100, null, DateTime.UtcNow), null, null, "USD", "UTC", 0.5, 12, null)
        {
            Today = Today,
            PurchaseWindowDays = 90,
        };
}
