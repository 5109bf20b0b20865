using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class LayoutTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Every_page_shows_the_current_runs_date_and_warns_when_the_latest_run_failed()
    {
        var asOf = new DateTime(2025, 3, 31, 0, 0, 0, DateTimeKind.Utc);
        var current = new CalculationRun
        {
            Status = CalculationRunStatus.Succeeded, Trigger = CalculationTrigger.Schedule, AsOfUtc = asOf, RequestedAtUtc = asOf,
            StartedAtUtc = asOf, FinishedAtUtc = asOf.AddMinutes(1), IsCurrent = true, PercentComplete = 100,
        };
        var failed = new CalculationRun
        {
            Status = CalculationRunStatus.Failed, Trigger = CalculationTrigger.Import, AsOfUtc = asOf.AddDays(1), RequestedAtUtc = asOf.AddDays(1),
            StartedAtUtc = asOf.AddDays(1), FinishedAtUtc = asOf.AddDays(1), Error = "The BG/NBD fit did not converge.",
        };
        await using (var context = fixture.App.CreateContext())
        {
            context.CalculationRuns.AddRange(current, failed);
            await context.SaveChangesAsync();
        }

        var client = await fixture.App.SignedInClientAsync(CltvRoles.Owner);

        foreach (var page in new[] { "/", "/Runs" })
        {
            var html = await client.GetStringAsync(page);
            html.Should().Contain("Results as of <strong>2025-03-31</strong>");
            html.Should().Contain($"The latest recalculation (run #{failed.Id}) failed: The BG/NBD fit did not converge.");
            html.Should().Contain($"The figures shown are from run #{current.Id}, as of 2025-03-31.");
        }
    }
}
