using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Infrastructure.Tests.Calculation;
using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Queries;

/// <summary>The pages' reads carry the ranges a run stored, and a run stored before ranges reads without them.</summary>
public abstract class RangesQueriesTests<TDatabase>(TDatabase store) : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    [Fact]
    public async Task The_overview_segments_model_health_and_customer_list_read_the_ranges_the_run_stored()
    {
        var database = await RunStore.WithCdnowSampleAsync(store);
        var runId = (await RunStore.RecalculateAsync(database)).RunId;
        await using var context = CltvDatabase.CreateContext(database);

        var kpis = (await new OverviewQueries(context).KpisAsync(runId))!;
        kpis.Ranges.Should().NotBeNull();
        kpis.Ranges!.Revenue!.Value.Low80.Should().BeLessThan((double)kpis.PredictedRevenue!.Value);
        kpis.Ranges.Revenue!.Value.High80.Should().BeGreaterThan((double)kpis.PredictedRevenue!.Value);
        kpis.Ranges.Clv!.Value.Low80.Should().BeLessThan((double)kpis.TotalClv!.Value);

        var segments = await new SegmentsQueries(context).SegmentsAsync(runId, Segmentations.Rfm);
        segments.Should().NotBeEmpty().And.OnlyContain(s => s.Ranges != null && s.Ranges.Customers == s.Customers);
        segments.Where(s => s.TotalClv > 0).Should().OnlyContain(s => s.Ranges!.Clv!.Value.Low80 <= (double)s.TotalClv! + 0.01 && (double)s.TotalClv! - 0.01 <= s.Ranges.Clv.Value.High80);

        var health = (await new ModelHealthQueries(context).ModelHealthAsync(runId))!;
        health.Ranges.Should().NotBeNull();
        health.Ranges!.Holdout.Should().NotBeNull();
        health.Ranges.Holdout!.Purchases.Low95.Should().BeLessThan(health.Ranges.Holdout.Purchases.High95);

        using var cache = new RunResultCache();
        var run = (await new RunContextQueries(context, cache).ContextAsync()).Current!;
        var customers = await new CustomerListQueries(context, cache).CustomersAsync(run, null, new CustomerListRequest(PageSize: 50));
        customers.Items.Should().OnlyContain(c => c.PurchasesLow80 <= c.PurchasesHigh80 && c.ClvLow80 <= c.ClvHigh80);
    }

    [Fact]
    public async Task A_run_stored_before_ranges_reads_with_none_and_keeps_its_figures()
    {
        var database = await RunStore.WithCdnowSampleAsync(store);
        var runId = (await RunStore.RecalculateAsync(database)).RunId;
        await RunStore.ForgetRangesAsync(database, runId);
        await using var context = CltvDatabase.CreateContext(database);

        var kpis = (await new OverviewQueries(context).KpisAsync(runId))!;
        kpis.Ranges.Should().BeNull();
        kpis.PredictedRevenue.Should().BePositive();
        (await new SegmentsQueries(context).SegmentsAsync(runId, Segmentations.Rfm)).Should().NotBeEmpty().And.OnlyContain(s => s.Ranges == null && s.MeanClv != null);
        (await new ModelHealthQueries(context).ModelHealthAsync(runId))!.Ranges.Should().BeNull();
        using var cache = new RunResultCache();
        var run = (await new RunContextQueries(context, cache).ContextAsync()).Current!;
        var customers = await new CustomerListQueries(context, cache).CustomersAsync(run, null, new CustomerListRequest(PageSize: 50));
        customers.Items.Should().NotBeEmpty().And.OnlyContain(c => c.PurchasesLow80 == null && c.ClvHigh80 == null && c.PredictedClv != null);
    }
}

public sealed class SqliteRangesQueriesTests(SqliteStoreDatabase store) : RangesQueriesTests<SqliteStoreDatabase>(store);

public sealed class PostgresRangesQueriesTests(PostgresStoreDatabase store) : RangesQueriesTests<PostgresStoreDatabase>(store);
