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

    /// <summary>Reads the current and the latest run.</summary>
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var current = await _context.CalculationRuns.AsNoTracking()
            .Where(r => r.IsCurrent)
            .Select(r => new RunLine(r.Id, r.Status, r.AsOfUtc, r.FinishedAtUtc, r.Error, r.Stage, r.PercentComplete))
            .SingleOrDefaultAsync();
        var latest = await _context.CalculationRuns.AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Select(r => new RunLine(r.Id, r.Status, r.AsOfUtc, r.FinishedAtUtc, r.Error, r.Stage, r.PercentComplete))
            .FirstOrDefaultAsync();
        return View(new RunStatus(current, latest));
    }
}

/// <summary>A run as the banner shows it.</summary>
public sealed record RunLine(long Id, CalculationRunStatus Status, DateTime AsOfUtc, DateTime? FinishedAtUtc, string? Error, string? Stage, int PercentComplete);

/// <summary>The banner's model.</summary>
/// <param name="Current">The run whose results are shown, if any.</param>
/// <param name="Latest">The most recent run, if any.</param>
public sealed record RunStatus(RunLine? Current, RunLine? Latest)
{
    /// <summary>Whether the latest run failed, so that older results (or none) are shown.</summary>
    public bool LatestFailed => Latest is { Status: CalculationRunStatus.Failed };

    /// <summary>Whether a run is queued or under way.</summary>
    public bool InProgress => Latest is { Status: CalculationRunStatus.Queued or CalculationRunStatus.Running };
}
