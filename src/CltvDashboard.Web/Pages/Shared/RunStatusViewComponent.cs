using System.Globalization;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Pages.Shared;

/// <summary>The banner under the navigation: the as-of date and status of the results shown, and a warning when the latest run failed.</summary>
public sealed class RunStatusViewComponent : ViewComponent
{
    private readonly CltvDbContext _context;

    /// <summary>Creates the component.</summary>
    /// <param name="context">The store.</param>
    public RunStatusViewComponent(CltvDbContext context) => _context = context;

    /// <summary>Reads the current and the latest run, and the business's time zone their dates are shown in.</summary>
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var zoneId = await _context.BusinessSettings.AsNoTracking()
            .Where(s => s.Id == BusinessSettings.SingletonId)
            .Select(s => s.TimeZoneId)
            .SingleOrDefaultAsync();
        var current = await _context.CalculationRuns.AsNoTracking()
            .Where(r => r.IsCurrent)
            .Select(r => new RunLine(r.Id, r.Status, r.AsOfUtc, r.FinishedAtUtc, r.Error, r.Stage, r.PercentComplete))
            .SingleOrDefaultAsync();
        var latest = await _context.CalculationRuns.AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Select(r => new RunLine(r.Id, r.Status, r.AsOfUtc, r.FinishedAtUtc, r.Error, r.Stage, r.PercentComplete))
            .FirstOrDefaultAsync();
        var zone = zoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        return View(new RunStatus(current, latest, zone));
    }
}

/// <summary>A run as the banner shows it.</summary>
public sealed record RunLine(long Id, CalculationRunStatus Status, DateTime AsOfUtc, DateTime? FinishedAtUtc, string? Error, string? Stage, int PercentComplete);

/// <summary>The banner's model.</summary>
/// <param name="Current">The run whose results are shown, if any.</param>
/// <param name="Latest">The most recent run, if any.</param>
/// <param name="Zone">The business's time zone: a run's day is the business's day, not the server's or UTC's.</param>
public sealed record RunStatus(RunLine? Current, RunLine? Latest, TimeZoneInfo Zone)
{
    /// <summary>A UTC instant's date in the business's time zone.</summary>
    /// <param name="utc">The instant, in UTC.</param>
    public string Date(DateTime utc) => Local(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A UTC instant as a date and time in the business's time zone, with the zone named.</summary>
    /// <param name="utc">The instant, in UTC.</param>
    public string DateTime(DateTime utc) => Local(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + Zone.Id;

    /// <summary>Whether the latest run failed, so that older results (or none) are shown.</summary>
    public bool LatestFailed => Latest is { Status: CalculationRunStatus.Failed };

    /// <summary>Whether a run is queued or under way.</summary>
    public bool InProgress => Latest is { Status: CalculationRunStatus.Queued or CalculationRunStatus.Running };

    private DateTimeOffset Local(DateTime utc) => TimeZoneInfo.ConvertTime(new DateTimeOffset(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc)), Zone);
}
