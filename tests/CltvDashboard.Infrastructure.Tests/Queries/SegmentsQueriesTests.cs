using CltvDashboard.Domain.Rfm;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Tests.Queries;

/// <summary>The segments page's stored figures of the CDNOW run.</summary>
public abstract class SegmentsQueriesTests<TRun>(TRun cdnow) : IClassFixture<TRun>
    where TRun : CdnowRun
{
    [Fact]
    public async Task Rfm_grid_covers_every_customer_with_champions_in_the_best_cell()
    {
        await using var context = cdnow.CreateContext();
        var queries = new SegmentsQueries(context);

        var grid = await queries.RfmGridAsync(cdnow.RunId);
        var segments = await queries.SegmentsAsync(cdnow.RunId, Segmentations.Rfm);

        grid.Sum(c => c.Customers).Should().Be(23_570);
        grid.Single(c => c.RecencyScore == 5 && c.FrequencyMonetaryScore == 5).Segment.Should().Be(RfmSegments.Champions);
        grid.Single(c => c.RecencyScore == 1 && c.FrequencyMonetaryScore == 1).Segment.Should().Be(RfmSegments.Lost);
        segments.Sum(s => s.CustomerShare).Should().BeApproximately(1, 1e-9);
        segments.Sum(s => s.ValueShare).Should().BeApproximately(1, 1e-9);
        segments.Single(s => s.Segment == RfmSegments.Champions).ValueShare.Should().BeGreaterThan(0.5, "champions hold most of CDNOW's predicted value");
    }

    [Fact]
    public async Task Rfm_grid_cells_hold_the_customers_and_mean_clv_of_their_scores()
    {
        await using var context = cdnow.CreateContext();
        var customers = await context.CustomerMetrics.AsNoTracking().Where(m => m.CalculationRunId == cdnow.RunId).ToListAsync();

        var grid = await new SegmentsQueries(context).RfmGridAsync(cdnow.RunId);

        grid.Select(c => (c.RecencyScore * 10) + c.FrequencyMonetaryScore).Should().BeInDescendingOrder("the grid reads from the most recent and most valuable cell");
        foreach (var cell in grid)
        {
            // FM is the mean of F and M rounded half up.
            var inCell = customers.Where(c => c.RecencyScore == cell.RecencyScore && (c.FrequencyScore + c.MonetaryScore + 1) / 2 == cell.FrequencyMonetaryScore).ToList();
            cell.Customers.Should().Be(inCell.Count);
            cell.MeanClv.Should().Be(Math.Round(inCell.Average(c => c.PredictedClv!.Value), 2));
            cell.Segment.Should().Be(inCell.GroupBy(c => c.Segment).MaxBy(g => g.Count())!.Key);
        }
    }

    [Fact]
    public async Task A_first_run_stored_no_movement_between_segments()
    {
        await using var context = cdnow.CreateContext();

        var matrix = await new SegmentsQueries(context).StoredMigrationAsync(cdnow.RunId, Segmentations.Rfm);

        matrix.HasMoves.Should().BeFalse();
        matrix.Segmentation.Should().Be(Segmentations.Rfm);
    }
}

/// <summary>On the SQLite default.</summary>
public sealed class SqliteSegmentsQueriesTests(SqliteCdnowRun cdnow) : SegmentsQueriesTests<SqliteCdnowRun>(cdnow);

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresSegmentsQueriesTests(PostgresCdnowRun cdnow) : SegmentsQueriesTests<PostgresCdnowRun>(cdnow);
