using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>The cohorts page's reads: a run's stored cohort cells, per channel when the data names channels, and its channel table.</summary>
public sealed class CohortsQueries(CltvDbContext context)
{
    /// <summary>A run's cohort cells over every customer, by cohort then month.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<CohortCell>> CohortsAsync(long runId, CancellationToken cancellationToken = default) =>
        ChannelCohortsAsync(runId, RunCohortCell.AllChannels, cancellationToken);

    /// <summary>A run's cohort cells of the customers acquired through one channel, by cohort then month.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="channel">One of <see cref="CohortChannelsAsync"/>, or <see cref="RunCohortCell.AllChannels"/> for every customer.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The cells; none for a channel the run did not store.</returns>
    public async Task<IReadOnlyList<CohortCell>> ChannelCohortsAsync(long runId, string channel, CancellationToken cancellationToken = default) =>
        await context.CohortCells.AsNoTracking()
            .Where(c => c.CalculationRunId == runId && c.Channel == channel)
            .OrderBy(c => c.AcquisitionMonth).ThenBy(c => c.MonthsSinceAcquisition)
            .Select(c => new CohortCell(c.AcquisitionMonth, c.MonthsSinceAcquisition, c.CohortSize, c.ActiveCustomers, c.Revenue, c.CumulativeRevenue, c.IsPartial))
            .ToListAsync(cancellationToken);

    /// <summary>The acquisition channels a run stored cohort cells for, alphabetically; none when its data names no channel.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<string>> CohortChannelsAsync(long runId, CancellationToken cancellationToken = default)
    {
        // Month 0 of every cohort: one row per cohort and channel rather than every month.
        var channels = await context.CohortCells.AsNoTracking()
            .Where(c => c.CalculationRunId == runId && c.Channel != RunCohortCell.AllChannels && c.MonthsSinceAcquisition == 0)
            .Select(c => c.Channel)
            .Distinct()
            .ToListAsync(cancellationToken);
        return channels.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The run's acquisition channels with their customers, value and CLV:CAC, largest first.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<SegmentRow>> ChannelTableAsync(long runId, CancellationToken cancellationToken = default) =>
        SegmentRows.ReadAsync(context, runId, Segmentations.AcquisitionChannel, cancellationToken);
}
