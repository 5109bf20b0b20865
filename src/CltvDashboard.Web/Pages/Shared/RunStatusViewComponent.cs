using System.Globalization;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;
using Microsoft.AspNetCore.Mvc;

namespace CltvDashboard.Web.Pages.Shared;

/// <summary>The banner under the navigation: how far the data of the results shown go, when they were computed, and a warning when the latest run failed.</summary>
public sealed class RunStatusViewComponent : ViewComponent
{
    private readonly RunContextQueries _runContext;

    /// <summary>Creates the component.</summary>
    /// <param name="runContext">Which run the dashboards show.</param>
    public RunStatusViewComponent(RunContextQueries runContext) => _runContext = runContext;

    /// <summary>
    /// Shows the runs the page itself read when it is a dashboard (the banner then agrees with the figures below it and
    /// costs no query); other pages read them here.
    /// </summary>
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var dashboard = DashboardPageModel.ContextOf(HttpContext) ?? await _runContext.ContextAsync(HttpContext.RequestAborted);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(dashboard.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        return View(new RunStatus(dashboard.Current, dashboard.Latest ?? dashboard.Current, zone));
    }
}

/// <summary>The banner's model.</summary>
/// <param name="Current">The run whose results are shown, if any.</param>
/// <param name="Latest">The most recent run, if any.</param>
/// <param name="Zone">The business's time zone: a run's day is the business's day, not the server's or UTC's.</param>
public sealed record RunStatus(RunHeader? Current, RunHeader? Latest, TimeZoneInfo Zone)
{
    /// <summary>The run's last day of data, as every page words it (<see cref="DashboardFormat.DataUpTo"/>).</summary>
    /// <param name="run">The run.</param>
    public static string DataUpTo(RunHeader run) => DashboardFormat.DataUpTo(run.ObservationEnd);

    /// <summary>The day the run was computed, in the business's time zone.</summary>
    /// <param name="run">The run.</param>
    public string ComputedOn(RunHeader run) => Format.ComputedOn(run.FinishedAtUtc ?? run.AsOfUtc);

    /// <summary>When a run was taken over from a worker that stopped, in the business's time zone, the zone named.</summary>
    /// <param name="utc">The instant, in UTC.</param>
    public string ResumedAt(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + Zone.Id;

    private DashboardFormat Format { get; } = new(null, Zone.Id, CultureInfo.InvariantCulture);

    /// <summary>Whether the latest run failed, so that older results (or none) are shown.</summary>
    public bool LatestFailed => Latest is { Status: CalculationRunStatus.Failed };

    /// <summary>Whether a run is queued or under way.</summary>
    public bool InProgress => Latest is { Status: CalculationRunStatus.Queued or CalculationRunStatus.Running };

}
