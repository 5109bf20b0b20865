using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>Which run every dashboard page shows, and the settings it formats that run's figures with.</summary>
public sealed class RunContextQueries(CltvDbContext context, RunResultCache cache, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The current run, the one before it, the newest run if different, and the current run's own settings.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<DashboardContext> ContextAsync(CancellationToken cancellationToken = default)
    {
        // One round trip for the three runs: every page asks this first, so each query saved here is saved on every view.
        var runs = context.CalculationRuns;
        var found = await runs.AsNoTracking()
            .Where(r => r.IsCurrent
                || r.Id == runs.Max(x => (long?)x.Id)
                // Changes are only against a run of the current run's dataset: a replaced file is other data.
                || r.Id == runs.Where(p => p.Status == CalculationRunStatus.Succeeded
                        && p.Id < runs.Where(c => c.IsCurrent).Max(c => (long?)c.Id)
                        && p.DatasetId == runs.Where(c => c.IsCurrent).Select(c => c.DatasetId).FirstOrDefault())
                    .Max(p => (long?)p.Id))
            .Select(r => new
            {
                r.IsCurrent,
                Header = new RunHeader(r.Id, r.Status, r.AsOfUtc, r.ObservationEnd, r.FinishedAtUtc, r.Stage, r.PercentComplete, r.Error, r.RequestedAtUtc, r.ResumedAtUtc)
                {
                    DatasetId = r.DatasetId,
                    Currency = r.Currency,
                },
                SettingsJson = r.IsCurrent ? r.SettingsJson : null,
                Warnings = r.IsCurrent ? r.Warnings : null,
            })
            .ToListAsync(cancellationToken);
        var currentRow = found.Find(r => r.IsCurrent);
        var current = currentRow?.Header;
        var currentId = current?.Id ?? 0;
        var previous = current is null
            ? null
            : found.Select(r => r.Header).Where(h => h.Id < currentId && h.Status == CalculationRunStatus.Succeeded && h.DatasetId == current.DatasetId).MaxBy(h => h.Id);
        var latest = found.Select(r => r.Header).Where(h => h.Id > currentId).MaxBy(h => h.Id);
        foreach (var run in new[] { current, previous, latest })
        {
            if (run is not null)
            {
                // What is cached per run must not be served for a run id that SQLite reuses after a replace.
                cache.Observe(run.Id, run.RequestedAtUtc);
            }
        }

        // A run's figures are formatted with the settings it was computed with; the business's settings as they are now
        // only stand in before the first run.
        var settings = RunSettings.FromJson(currentRow?.SettingsJson);
        if (settings is null)
        {
            var now = await context.BusinessSettings.AsNoTracking()
                .Where(s => s.Id == BusinessSettings.SingletonId)
                .Select(s => new { s.CurrencyCode, s.TimeZoneId, s.ActiveProbabilityThreshold, s.ForecastHorizonMonths, s.PurchaseWindowDays })
                .FirstOrDefaultAsync(cancellationToken);
            var zoneId = now?.TimeZoneId ?? "UTC";
            return new DashboardContext(current, previous, latest, now?.CurrencyCode, zoneId, now?.ActiveProbabilityThreshold ?? 0.5, now?.ForecastHorizonMonths ?? 12, null)
            {
                Today = Today(TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone : TimeZoneInfo.Utc),
                PurchaseWindowDays = now?.PurchaseWindowDays ?? BusinessSettings.DefaultPurchaseWindowDays,
            };
        }

        // The run's own currency column is the label of its figures; runs stored before it existed kept it in their settings.
        return new DashboardContext(current, previous, latest, current!.Currency ?? settings.CurrencyCode, settings.TimeZoneId, settings.ActiveProbabilityThreshold, settings.ForecastHorizonMonths, currentRow!.Warnings)
        {
            Today = Today(settings.TimeZone),
            PurchaseWindowDays = settings.PurchaseWindowDays,
        };
    }

    private DateOnly Today(TimeZoneInfo zone) => PurchaseDay.Of(_time.GetUtcNow(), zone);
}
