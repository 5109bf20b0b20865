using System.Text.Json;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Tests.Calculation;

/// <summary>Runs computed before runs stored their figures get them from their customer rows when the store is upgraded.</summary>
public abstract class RunFiguresBackfillTests<TDatabase>(TDatabase store) : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    [Fact]
    public async Task A_run_without_stored_figures_gets_the_ones_it_would_have_written()
    {
        var database = await RunStore.WithCdnowSampleAsync(store);
        var run = await RunStore.RecalculateAsync(database);
        var written = await FiguresAsync(database, run.RunId);
        await using (var context = CltvDatabase.CreateContext(database))
        {
            await context.KpiSummaries.ExecuteDeleteAsync();
            await context.ClvBuckets.ExecuteDeleteAsync();
            await context.RfmGridCells.ExecuteDeleteAsync();
        }

        await using (var context = CltvDatabase.CreateContext(database))
        {
            await RunFiguresBackfill.FillAsync(context, CancellationToken.None);
        }

        (await FiguresAsync(database, run.RunId)).Should().Be(written);
        written.Should().Contain("\"Customers\":");
    }

    private static async Task<string> FiguresAsync(string database, long runId)
    {
        await using var context = CltvDatabase.CreateContext(database);
        var overview = new OverviewQueries(context);
        return JsonSerializer.Serialize(new object?[]
        {
            await overview.KpisAsync(runId),
            await overview.ClvDistributionAsync(runId),
            await new SegmentsQueries(context).RfmGridAsync(runId),
        });
    }
}

/// <summary>On the SQLite default.</summary>
public sealed class SqliteRunFiguresBackfillTests(SqliteStoreDatabase store) : RunFiguresBackfillTests<SqliteStoreDatabase>(store);

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresRunFiguresBackfillTests(PostgresStoreDatabase store) : RunFiguresBackfillTests<PostgresStoreDatabase>(store);
