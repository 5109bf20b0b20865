using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>
/// The overview's reads: a run's stored KPIs, CLV distribution, value by RFM segment and the trend across runs. A
/// published run's stored figures never change, so with a <see cref="RunResultCache"/> each is read once per run and
/// instance: the overview is the page every owner opens first, and seven round trips a view were its whole cost.
/// </summary>
public sealed class OverviewQueries(CltvDbContext context, RunResultCache? cache = null)
{
    /// <summary>The most runs the KPI trend covers.</summary>
    public const int TrendRuns = 24;

    /// <summary>A run's headline figures, as it stored them.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The figures; null when the run stored none or has no customers.</returns>
    public Task<RunKpis?> KpisAsync(long runId, CancellationToken cancellationToken = default) =>
        Stored(runId, nameof(KpisAsync), () => ReadKpisAsync(runId, cancellationToken), cancellationToken);

    private async Task<RunKpis?> ReadKpisAsync(long runId, CancellationToken cancellationToken) =>
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
                new RuleOfThumbKpi(k.RuleOfThumbClv, k.RuleOfThumbPurchasesPerYear, k.YearlyRetention, k.RuleOfThumbLifespanYears, k.RuleOfThumbAcquisitionCost))
            {
                Ranges = TotalOf(k.RangesJson),
            })
            .SingleOrDefaultAsync(cancellationToken);

    // Read as the row's last step, in the process: the stored JSON is the run's, its totals what the overview shows.
    private static TotalRangeFigures? TotalOf(string? rangesJson) => RunRanges.FromJson(rangesJson)?.Total;

    /// <summary>
    /// The KPI trend over the kept successful runs of <paramref name="runId"/>'s dataset up to and including it, oldest
    /// first: a trend never joins the runs of a replaced file to those of the data that replaced it.
    /// </summary>
    /// <param name="runId">The newest run to include.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<KpiTrendPoint>> TrendAsync(long runId, CancellationToken cancellationToken = default) =>
        Stored(runId, nameof(TrendAsync), () => ReadTrendAsync(runId, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<KpiTrendPoint>> ReadTrendAsync(long runId, CancellationToken cancellationToken)
    {
        var points = await context.KpiSummaries.AsNoTracking()
            .Where(k => k.CalculationRunId <= runId)
            .Join(
                context.CalculationRuns.Where(r => r.Status == CalculationRunStatus.Succeeded
                    && r.DatasetId == context.CalculationRuns.Where(x => x.Id == runId).Select(x => x.DatasetId).FirstOrDefault()),
                k => k.CalculationRunId,
                r => r.Id,
                (k, r) => new { Kpis = k, r.AsOfUtc, r.ObservationEnd })
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
    public Task<IReadOnlyList<ClvBucket>> ClvDistributionAsync(long runId, CancellationToken cancellationToken = default) =>
        Stored<IReadOnlyList<ClvBucket>>(runId, nameof(ClvDistributionAsync), async () => await context.ClvBuckets.AsNoTracking()
            .Where(b => b.CalculationRunId == runId)
            .OrderBy(b => b.Position)
            .Select(b => new ClvBucket(b.From, b.To, b.Customers, b.TotalClv))
            .ToListAsync(cancellationToken), cancellationToken);

    /// <summary>The run's RFM segments in display order (best first), for the value-by-segment chart.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<SegmentRow>> ValueBySegmentAsync(long runId, CancellationToken cancellationToken = default) =>
        Stored<IReadOnlyList<SegmentRow>>(runId, nameof(ValueBySegmentAsync), async () => (await SegmentRows.ReadAsync(context, runId, Segmentations.Rfm, cancellationToken))
            .OrderBy(s => Segmentations.Get(Segmentations.Rfm).Position(s.Segment))
            .ToList(), cancellationToken);

    private Task<T> Stored<T>(long runId, string figure, Func<Task<T>> read, CancellationToken cancellationToken) =>
        cache is null ? read() : cache.GetOrAddAsync(runId, (nameof(OverviewQueries), figure), read, cancellationToken);
}
