using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>The overview's reads: a run's stored KPIs, CLV distribution, value by RFM segment and the trend across runs.</summary>
public sealed class OverviewQueries(CltvDbContext context)
{
    /// <summary>The most runs the KPI trend covers.</summary>
    public const int TrendRuns = 24;

    /// <summary>A run's headline figures, as it stored them.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The figures; null when the run stored none or has no customers.</returns>
    public async Task<RunKpis?> KpisAsync(long runId, CancellationToken cancellationToken = default) =>
        await context.KpiSummaries.AsNoTracking()
            .Where(k => k.CalculationRunId == runId && k.Customers > 0)
            .Select(k => new RunKpis(
                k.CalculationRunId,
                k.Customers,
                k.ActiveCustomers,
                k.RepeatRate,
                k.AverageOrderValue,
                k.PurchaseFrequency,
                k.HistoricalRevenue,
                k.PredictedRevenue,
                k.TotalClv,
                k.MeanClv,
                k.MedianClv,
                k.ClvToCac,
                new RuleOfThumbKpi(k.RuleOfThumbClv, k.RuleOfThumbPurchasesPerYear, k.YearlyRetention, k.RuleOfThumbLifespanYears, k.RuleOfThumbAcquisitionCost)))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The KPI trend over the kept successful runs up to and including <paramref name="runId"/>, oldest first.</summary>
    /// <param name="runId">The newest run to include.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<KpiTrendPoint>> TrendAsync(long runId, CancellationToken cancellationToken = default)
    {
        var points = await context.KpiSummaries.AsNoTracking()
            .Where(k => k.CalculationRunId <= runId)
            .Join(context.CalculationRuns.Where(r => r.Status == CalculationRunStatus.Succeeded), k => k.CalculationRunId, r => r.Id, (k, r) => new { Kpis = k, r.AsOfUtc, r.ObservationEnd })
            .OrderByDescending(p => p.Kpis.CalculationRunId)
            .Take(TrendRuns)
            .Select(p => new KpiTrendPoint(p.Kpis.CalculationRunId, p.AsOfUtc, p.Kpis.Customers, p.Kpis.HistoricalRevenue, p.Kpis.TotalClv, p.Kpis.MeanProbabilityAlive)
            {
                ObservationEnd = p.ObservationEnd,
            })
            .ToListAsync(cancellationToken);
        points.Reverse();
        return points;
    }

    /// <summary>
    /// The predicted-CLV distribution in bars whose edges are its quantiles in round amounts (see the Domain's
    /// <c>ValueHistogram</c>), the last one open, as the run stored it.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<ClvBucket>> ClvDistributionAsync(long runId, CancellationToken cancellationToken = default) =>
        await context.ClvBuckets.AsNoTracking()
            .Where(b => b.CalculationRunId == runId)
            .OrderBy(b => b.Position)
            .Select(b => new ClvBucket(b.From, b.To, b.Customers, b.TotalClv))
            .ToListAsync(cancellationToken);

    /// <summary>The run's RFM segments in display order (best first), for the value-by-segment chart.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<SegmentRow>> ValueBySegmentAsync(long runId, CancellationToken cancellationToken = default) =>
        (await SegmentRows.ReadAsync(context, runId, Segmentations.Rfm, cancellationToken))
            .OrderBy(s => Segmentations.Get(Segmentations.Rfm).Position(s.Segment))
            .ToList();
}
