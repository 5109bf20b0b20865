using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class LayoutTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Every_page_shows_how_far_the_current_runs_data_go_and_when_it_was_computed_and_warns_when_the_latest_run_failed()
    {
        var asOf = new DateTime(2025, 3, 31, 0, 0, 0, DateTimeKind.Utc);
        var current = new CalculationRun
        {
            Status = CalculationRunStatus.Succeeded, Trigger = CalculationTrigger.Schedule, AsOfUtc = asOf, RequestedAtUtc = asOf,
            StartedAtUtc = asOf, FinishedAtUtc = asOf.AddMinutes(1), IsCurrent = true, PercentComplete = 100, ObservationEnd = new DateOnly(2011, 12, 9),
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
            html.Should().Contain("Data up to <strong>9 Dec 2011</strong> · computed 31 Mar 2025");
            html.Should().Contain($"The latest recalculation (run #{failed.Id}) failed: The BG/NBD fit did not converge.");
            html.Should().Contain($"The figures shown are from run #{current.Id}: data up to 9 Dec 2011 · computed 31 Mar 2025.");
        }
    }
}
