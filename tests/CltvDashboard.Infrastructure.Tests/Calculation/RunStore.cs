using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Infrastructure.SampleData;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Calculation;

/// <summary>Story helpers for calculation tests: fresh stores with data in them, runs, and what they stored.</summary>
internal static class RunStore
{
    public static readonly DateTime CdnowEnd = new(1998, 6, 30, 12, 0, 0, DateTimeKind.Utc);

    public static async Task<string> FreshAsync(StoreDatabase store)
    {
        var database = await store.CreateEmptyDatabaseAsync();
        await DatabaseMigrator.MigrateAsync(database);
        return database;
    }

    public static async Task<string> WithCdnowMasterAsync(StoreDatabase store)
    {
        var database = await FreshAsync(store);
        await using var file = SampleDatasets.Cdnow.Open();
        await new TransactionImporter(database).ImportAsync(file, new ImportRequest("cdnow_master.csv", Options(), ImportMode.Append, "tests"));
        return database;
    }

    public static async Task<string> WithCdnowSampleAsync(StoreDatabase store)
    {
        var database = await FreshAsync(store);
        await using var file = File.OpenRead(TestData("cdnow", "cdnow_sample.csv"));
        await new TransactionImporter(database).ImportAsync(file, new ImportRequest("cdnow_sample.csv", Options(), ImportMode.Append, "tests"));
        return database;
    }

    public static async Task<RecalculationSummary> RecalculateAsync(string database, DateTime? asOfUtc = null)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await new RecalculationPipeline(context).RecalculateAsync(CalculationTrigger.Manual, asOfUtc ?? CdnowEnd);
    }

    public static async Task ChangeSettingsAsync(string database, Action<BusinessSettings> change)
    {
        await using var context = CltvDatabase.CreateContext(database);
        var settings = await context.BusinessSettings.SingleAsync();
        change(settings);
        settings.Version++;
        await context.SaveChangesAsync();
    }

    public static async Task<CalculationRun> RunAsync(string database, long id)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.CalculationRuns.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public static async Task<List<RunCustomerMetric>> CustomersAsync(string database, long runId)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.CustomerMetrics.AsNoTracking().Where(m => m.CalculationRunId == runId).ToListAsync();
    }

    public static async Task<List<RunSegmentSummary>> SegmentsAsync(string database, long runId)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.SegmentSummaries.AsNoTracking().Where(s => s.CalculationRunId == runId).ToListAsync();
    }

    public static async Task<List<RunModelFit>> FitsAsync(string database, long runId)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.ModelFits.AsNoTracking().Where(f => f.CalculationRunId == runId).ToListAsync();
    }

    public static async Task<List<RunModelCheckPoint>> ChecksAsync(string database, long runId)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.Set<RunModelCheckPoint>().AsNoTracking().Where(p => p.CalculationRunId == runId).OrderBy(p => p.Kind).ThenBy(p => p.Position).ToListAsync();
    }

    public static async Task<RunKpiSummary> KpisAsync(string database, long runId)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.KpiSummaries.AsNoTracking().SingleAsync(k => k.CalculationRunId == runId);
    }

    /// <summary>Makes a run look as one stored before ranges existed: no ranges on its KPIs, segments or customers.</summary>
    public static async Task ForgetRangesAsync(string database, long runId)
    {
        await using var context = CltvDatabase.CreateContext(database);
        await context.KpiSummaries.Where(k => k.CalculationRunId == runId).ExecuteUpdateAsync(set => set.SetProperty(k => k.RangesJson, (string?)null));
        await context.SegmentSummaries.Where(s => s.CalculationRunId == runId).ExecuteUpdateAsync(set => set.SetProperty(s => s.RangesJson, (string?)null));
        await context.CustomerMetrics.Where(m => m.CalculationRunId == runId).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.PurchasesLow80, (int?)null)
            .SetProperty(m => m.PurchasesHigh80, (int?)null)
            .SetProperty(m => m.ClvLow80, (decimal?)null)
            .SetProperty(m => m.ClvHigh80, (decimal?)null));
    }

    public static async Task<long?> CurrentRunIdAsync(string database)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.CalculationRuns.Where(r => r.IsCurrent).Select(r => (long?)r.Id).SingleOrDefaultAsync();
    }
}
