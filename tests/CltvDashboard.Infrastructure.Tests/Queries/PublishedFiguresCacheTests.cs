using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Tests.Queries;

/// <summary>
/// A published run's stored figures are read from the store once per instance: a second read is answered from memory
/// (proved by a context that can no longer reach the store), until the run's identity changes.
/// </summary>
public abstract class PublishedFiguresCacheTests<TRun>(TRun cdnow) : IClassFixture<TRun>
    where TRun : CdnowRun
{
    [Fact]
    public async Task Overview_figures_of_a_run_are_read_once_and_served_from_memory_after()
    {
        using var cache = new RunResultCache();
        var requested = await ObserveAsync(cache);
        await using var live = cdnow.CreateContext();
        var first = new OverviewQueries(live, cache);
        var kpis = await first.KpisAsync(cdnow.RunId);
        var bars = await first.ClvDistributionAsync(cdnow.RunId);
        var bySegment = await first.ValueBySegmentAsync(cdnow.RunId);
        var trend = await first.TrendAsync(cdnow.RunId);

        var offline = await DisposedContextAsync();
        var again = new OverviewQueries(offline, cache);

        (await again.KpisAsync(cdnow.RunId)).Should().Be(kpis);
        (await again.ClvDistributionAsync(cdnow.RunId)).Should().BeSameAs(bars);
        (await again.ValueBySegmentAsync(cdnow.RunId)).Should().BeSameAs(bySegment);
        (await again.TrendAsync(cdnow.RunId)).Should().BeSameAs(trend);

        cache.Observe(cdnow.RunId, requested.AddSeconds(1));
        await again.Invoking(q => q.KpisAsync(cdnow.RunId)).Should().ThrowAsync<ObjectDisposedException>(
            "a run id seen with another request time is another run, read from the store again");
    }

    [Fact]
    public async Task Segments_figures_of_a_run_are_read_once_per_segmentation_and_served_from_memory_after()
    {
        using var cache = new RunResultCache();
        await ObserveAsync(cache);
        await using var live = cdnow.CreateContext();
        var first = new SegmentsQueries(live, cache);
        var rfm = await first.SegmentsAsync(cdnow.RunId, Segmentations.Rfm);
        var grid = await first.RfmGridAsync(cdnow.RunId);
        var moves = await first.StoredMigrationAsync(cdnow.RunId, Segmentations.Rfm);

        var again = new SegmentsQueries(await DisposedContextAsync(), cache);

        (await again.SegmentsAsync(cdnow.RunId, Segmentations.Rfm)).Should().BeSameAs(rfm);
        (await again.RfmGridAsync(cdnow.RunId)).Should().BeSameAs(grid);
        (await again.StoredMigrationAsync(cdnow.RunId, Segmentations.Rfm)).Should().BeSameAs(moves);
        await again.Invoking(q => q.SegmentsAsync(cdnow.RunId, Segmentations.ValueTier)).Should().ThrowAsync<ObjectDisposedException>(
            "each segmentation is its own figure, not read until asked for");
    }

    private async Task<DateTime> ObserveAsync(RunResultCache cache)
    {
        await using var context = cdnow.CreateContext();
        var requested = await context.CalculationRuns.AsNoTracking().Where(r => r.Id == cdnow.RunId).Select(r => r.RequestedAtUtc).SingleAsync();
        cache.Observe(cdnow.RunId, requested);
        return requested;
    }

    private async Task<CltvDbContext> DisposedContextAsync()
    {
        var context = cdnow.CreateContext();
        await context.DisposeAsync();
        return context;
    }
}

/// <summary>On the SQLite default.</summary>
public sealed class SqlitePublishedFiguresCacheTests(SqliteCdnowRun cdnow) : PublishedFiguresCacheTests<SqliteCdnowRun>(cdnow);

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresPublishedFiguresCacheTests(PostgresCdnowRun cdnow) : PublishedFiguresCacheTests<PostgresCdnowRun>(cdnow);
