using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>
/// The segments page's reads: a run's stored RFM grid, segment tables and movement between segments. With a
/// <see cref="RunResultCache"/> each is read once per published run and instance, as the overview's figures are.
/// </summary>
public sealed class SegmentsQueries(CltvDbContext context, RunResultCache? cache = null)
{
    /// <summary>A segmentation's rows in a run, largest segment first (cohorts in time order).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="segmentation">One of <see cref="Segmentations.All"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<SegmentRow>> SegmentsAsync(long runId, string segmentation, CancellationToken cancellationToken = default) =>
        Stored(runId, (nameof(SegmentsAsync), segmentation), () => SegmentRows.ReadAsync(context, runId, segmentation, cancellationToken), cancellationToken);

    /// <summary>The RFM grid of a run: customers and mean CLV per recency × frequency-monetary cell, most recent and most valuable first.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<RfmGridCellSummary>> RfmGridAsync(long runId, CancellationToken cancellationToken = default) =>
        Stored<IReadOnlyList<RfmGridCellSummary>>(runId, nameof(RfmGridAsync), async () => await context.RfmGridCells.AsNoTracking()
            .Where(c => c.CalculationRunId == runId)
            .OrderByDescending(c => c.RecencyScore).ThenByDescending(c => c.FrequencyMonetaryScore)
            .Select(c => new RfmGridCellSummary(c.RecencyScore, c.FrequencyMonetaryScore, c.Customers, c.MeanClv, c.Segment))
            .ToListAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// The movement between the segments of one segmentation that a run stored when it was calculated, from the run
    /// that was current before it: read from <c>segment_migrations</c>, never by joining two runs' customers.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="segmentation"><see cref="Segmentations.Rfm"/>, <see cref="Segmentations.ValueTier"/> or <see cref="Segmentations.ChurnRisk"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The matrix; without cells when the run had no previous run.</returns>
    public Task<SegmentMigrationMatrix> StoredMigrationAsync(long runId, string segmentation, CancellationToken cancellationToken = default) =>
        Stored(runId, (nameof(StoredMigrationAsync), segmentation), () => ReadMigrationAsync(runId, segmentation, cancellationToken), cancellationToken);

    private async Task<SegmentMigrationMatrix> ReadMigrationAsync(long runId, string segmentation, CancellationToken cancellationToken)
    {
        var cells = await context.SegmentMigrations.AsNoTracking()
            .Where(m => m.CalculationRunId == runId && m.Segmentation == segmentation)
            .Select(m => new SegmentMigrationCell(m.FromSegment, m.ToSegment, m.CustomerCount))
            .ToListAsync(cancellationToken);
        var order = Segmentations.Get(segmentation);
        List<string?> Axis(IEnumerable<string?> segments) => segments.Distinct()
            .OrderBy(s => s is null).ThenBy(s => s is null ? 0 : order.Position(s)).ThenBy(s => s, StringComparer.Ordinal)
            .ToList();
        return new SegmentMigrationMatrix(segmentation, Axis(cells.Select(c => c.From)), Axis(cells.Select(c => c.To)), cells);
    }

    private Task<T> Stored<T>(long runId, object figure, Func<Task<T>> read, CancellationToken cancellationToken) =>
        cache is null ? read() : cache.GetOrAddAsync(runId, (nameof(SegmentsQueries), figure), read, cancellationToken);
}
