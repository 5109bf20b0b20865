using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>
/// Writes the stored figures (<see cref="RunFigures"/>) of the kept runs that were computed before runs stored them,
/// from their customer rows and their own settings, so that an upgraded store shows its runs without a recalculation.
/// </summary>
internal static class RunFiguresBackfill
{
    /// <summary>The migration that adds the tables; the backfill runs once, when it is applied.</summary>
    public const string Migration = "StoredRunFigures";

    public static async Task FillAsync(CltvDbContext context, CancellationToken cancellationToken)
    {
        var runs = await context.CalculationRuns.AsNoTracking()
            .Where(r => r.Status == CalculationRunStatus.Succeeded && !context.KpiSummaries.Any(k => k.CalculationRunId == r.Id))
            .Select(r => new { r.Id, r.SettingsJson })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (runs.Count == 0)
        {
            return;
        }

        var now = RunSettings.From(await context.BusinessSettings.AsNoTracking().Include(s => s.AcquisitionCosts).SingleAsync(cancellationToken).ConfigureAwait(false));
        foreach (var run in runs)
        {
            var customers = await context.CustomerMetrics.AsNoTracking()
                .Where(m => m.CalculationRunId == run.Id)
                .Select(m => new CustomerResult(
                    m.CustomerId, m.Frequency, m.RecencyDays, m.TenureDays, m.DaysSinceLastPurchase, m.TotalRevenue, m.AverageOrderValue,
                    m.RecencyScore, m.FrequencyScore, m.MonetaryScore, m.Segment, m.ValueTier, m.ChurnRiskBand, m.AcquisitionCohort,
                    m.AcquisitionChannel, m.ExpectedAverageValue, m.ProbabilityAlive, m.ExpectedPurchases, m.PredictedClv))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var segments = await context.SegmentSummaries.AsNoTracking().Where(s => s.CalculationRunId == run.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            // A run from before settings were stored on runs is read with the settings as they are: the best there is.
            var figures = RunFigures.Compute(customers, segments, SettingsOf(run.SettingsJson) ?? now);
            figures.Kpis.CalculationRunId = run.Id;
            context.KpiSummaries.Add(figures.Kpis);
            context.ClvBuckets.AddRange(figures.ClvDistribution.Select(b => { b.CalculationRunId = run.Id; return b; }));
            context.RfmGridCells.AddRange(figures.RfmGrid.Select(c => { c.CalculationRunId = run.Id; return c; }));
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            context.ChangeTracker.Clear();
        }
    }

    private static RunSettings? SettingsOf(string? json)
    {
        try
        {
            return RunSettings.FromJson(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
