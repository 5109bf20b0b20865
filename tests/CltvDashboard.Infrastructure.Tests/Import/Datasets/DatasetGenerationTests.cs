using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Infrastructure.Tests.Calculation;
using CltvDashboard.Infrastructure.Tests.Support;
using CltvDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Import.Datasets;

/// <summary>
/// Dataset generations, the demo kept apart and one currency per dataset, through the import use case and the
/// recalculation, the same suite on every provider.
/// </summary>
public abstract class DatasetGenerationTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    private static readonly DateTime CdnowEnd = RunStore.CdnowEnd;
    private static readonly DateTime ShopifyEnd = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly TDatabase _store;

    protected DatasetGenerationTests(TDatabase store) => _store = store;

    [Fact]
    public async Task A_replace_starts_a_dataset_whose_runs_are_compared_only_with_each_other()
    {
        var database = await RunStore.FreshAsync(_store);
        var first = await ImportAsync(database, CdnowSample(), ImportMode.Append, "USD");
        var run1 = await RunStore.RecalculateAsync(database, CdnowEnd);
        var run2 = await RunStore.RecalculateAsync(database, CdnowEnd);
        (await ContextAsync(database)).Previous!.Id.Should().Be(run1.RunId, "two runs of one dataset are compared");

        // The same customers' ids, in another currency: the file the business replaced its data with.
        var replaced = await ImportAsync(database, CdnowSample(currencyColumn: "EUR"), ImportMode.Replace, null);
        var run3 = await RunStore.RecalculateAsync(database, CdnowEnd);

        replaced.DatasetId.Should().BeGreaterThan(first.DatasetId);
        replaced.Currency.Should().Be("EUR");
        (await RunStore.RunAsync(database, run2.RunId)).DatasetId.Should().Be(first.DatasetId, "a run keeps the dataset it was computed on");
        var third = await RunStore.RunAsync(database, run3.RunId);
        third.DatasetId.Should().Be(replaced.DatasetId);
        third.Currency.Should().Be("EUR");
        var context = await ContextAsync(database);
        context.Current!.Id.Should().Be(run3.RunId);
        context.Previous.Should().BeNull("the first run on replaced data has nothing to be compared with");
        context.CurrencyCode.Should().Be("EUR");
        await using (var reading = CltvDatabase.CreateContext(database))
        {
            (await new OverviewQueries(reading).TrendAsync(run3.RunId)).Select(p => p.RunId).Should().Equal(run3.RunId);
            (await reading.SegmentMigrations.CountAsync(m => m.CalculationRunId == run3.RunId)).Should().Be(0, "no movement is stored against another dataset");
            (await reading.SegmentSummaries.Where(s => s.CalculationRunId == run3.RunId).AllAsync(s => s.PreviousCustomerCount == null)).Should().BeTrue();
        }

        var run4 = await RunStore.RecalculateAsync(database, CdnowEnd);
        (await ContextAsync(database)).Previous!.Id.Should().Be(run3.RunId, "the replace's first run is the one the next run is compared with");
        await using (var reading = CltvDatabase.CreateContext(database))
        {
            (await new OverviewQueries(reading).TrendAsync(run4.RunId)).Select(p => p.RunId).Should().Equal(run3.RunId, run4.RunId);
            var history = (await new CustomerQueries(reading).CustomerAsync(run4.RunId, "1"))!.History;
            history.Select(h => h.RunId).Should().Equal(run3.RunId, run4.RunId);
            (await reading.SegmentMigrations.CountAsync(m => m.CalculationRunId == run4.RunId)).Should().BeGreaterThan(0);
        }
    }

    [Fact]
    public async Task Replacing_the_demo_leaves_nothing_of_it()
    {
        var database = await RunStore.FreshAsync(_store);
        var demo = await ImportAsync(database, CdnowSample(), ImportMode.Append, "USD", DatasetKind.Demo);
        await RunStore.RecalculateAsync(database, CdnowEnd);

        var own = await ImportAsync(database, ShopifyExportGenerator.Generate(300, seed: 7), ImportMode.Replace, null);

        own.Currency.Should().Be("EUR");
        await using var context = CltvDatabase.CreateContext(database);
        (await context.Datasets.SingleAsync()).Should().BeEquivalentTo(new { Id = own.DatasetId, Kind = DatasetKind.Own, Currency = "EUR" });
        own.DatasetId.Should().NotBe(0);
        (await context.CalculationRuns.CountAsync()).Should().Be(0, "the demo's runs go with it");
        (await context.KpiSummaries.CountAsync()).Should().Be(0);
        (await context.CohortCells.CountAsync()).Should().Be(0);
        (await context.SegmentSummaries.CountAsync()).Should().Be(0);
        (await context.CustomerMetrics.CountAsync()).Should().Be(0);
        (await context.ImportBatches.Select(b => b.Id).ToListAsync()).Should().Equal(own.BatchId);
        (await context.Customers.Select(c => c.ExternalId).ToListAsync()).Should().OnlyContain(id => id.Contains('@'), "no demo customer is left");
        (await context.Transactions.AllAsync(t => t.Currency == "EUR")).Should().BeTrue();
        demo.DatasetId.Should().NotBe(own.DatasetId);

        var run = await RunStore.RecalculateAsync(database, ShopifyEnd);
        (await RunStore.RunAsync(database, run.RunId)).Currency.Should().Be("EUR");
    }

    [Fact]
    public async Task Own_rows_are_never_appended_to_the_demo()
    {
        var database = await RunStore.FreshAsync(_store);
        await ImportAsync(database, CdnowSample(), ImportMode.Append, "USD", DatasetKind.Demo);

        var refused = async () => await ImportAsync(database, ShopifyExportGenerator.Generate(50, seed: 3), ImportMode.Append, null);

        (await refused.Should().ThrowAsync<ImportFileException>()).Which.Failure.Should().Be(ImportFailure.OtherDataset);
        await using var context = CltvDatabase.CreateContext(database);
        (await context.Customers.Select(c => c.ExternalId).ToListAsync()).Should().NotContain(id => id.Contains('@'));
        (await context.Datasets.SingleAsync()).Kind.Should().Be(DatasetKind.Demo);
    }

    [Fact]
    public async Task Removing_the_demo_leaves_an_empty_store()
    {
        var database = await RunStore.FreshAsync(_store);
        await ImportAsync(database, CdnowSample(), ImportMode.Append, "USD", DatasetKind.Demo);
        await RunStore.RecalculateAsync(database, CdnowEnd);
        await RunStore.RecalculateAsync(database, CdnowEnd);

        var removal = await new DemoRemoval(new CltvContextFactory(database)).RemoveAsync();

        removal.Should().Be(new DemoRemovalResult(null, 2_357, 6_919, 2, 1));
        await using var context = CltvDatabase.CreateContext(database);
        (await context.Customers.AnyAsync()).Should().BeFalse();
        (await context.Transactions.AnyAsync()).Should().BeFalse();
        (await context.CalculationRuns.AnyAsync()).Should().BeFalse();
        (await context.CustomerMetrics.AnyAsync()).Should().BeFalse();
        (await context.CohortCells.AnyAsync()).Should().BeFalse();
        (await context.KpiSummaries.AnyAsync()).Should().BeFalse();
        (await context.ImportBatches.AnyAsync()).Should().BeFalse();
        (await context.ImportProblems.AnyAsync()).Should().BeFalse();
        (await context.Datasets.AnyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task The_business_own_data_are_never_removed_as_the_demo()
    {
        var database = await RunStore.FreshAsync(_store);
        await ImportAsync(database, CdnowSample(), ImportMode.Append, "USD");

        var removal = await new DemoRemoval(new CltvContextFactory(database)).RemoveAsync();

        removal.Removed.Should().BeFalse();
        removal.Refusal.Should().Contain("does not hold the demo");
        await using var context = CltvDatabase.CreateContext(database);
        (await context.Transactions.CountAsync()).Should().Be(6_919);
    }

    [Fact]
    public async Task A_file_whose_rows_name_EUR_imports_in_EUR_whatever_the_currency_setting()
    {
        var database = await RunStore.FreshAsync(_store);
        await RunStore.ChangeSettingsAsync(database, s => s.CurrencyCode = "USD");
        await ImportAsync(database, CdnowSample(), ImportMode.Append, "USD");

        var result = await ImportAsync(database, ShopifyExportGenerator.Generate(200, seed: 11), ImportMode.Replace, null);

        result.Currency.Should().Be("EUR");
        result.RowsRejected.Should().Be(0);
        await using var context = CltvDatabase.CreateContext(database);
        (await context.Datasets.OrderByDescending(d => d.Id).FirstAsync()).Currency.Should().Be("EUR");
    }

    [Fact]
    public async Task A_replace_with_a_chosen_currency_sets_the_dataset_currency_anew()
    {
        var database = await RunStore.FreshAsync(_store);
        await ImportAsync(database, CdnowSample(), ImportMode.Append, "USD", DatasetKind.Demo);
        await RunStore.RecalculateAsync(database, CdnowEnd);

        var retail = OnlineRetailExportGenerator.Generate(150, seed: 5);
        var result = await ImportAsync(database, retail.Text, ImportMode.Replace, "GBP", dateOrder: DateOrder.MonthFirst);
        var run = await RunStore.RecalculateAsync(database, new DateTime(2012, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        result.Currency.Should().Be("GBP");
        (await RunStore.RunAsync(database, run.RunId)).Currency.Should().Be("GBP");
        (await ContextAsync(database)).CurrencyCode.Should().Be("GBP");
    }

    [Fact]
    public async Task Rows_in_another_currency_than_the_dataset_are_rejected_one_by_one_and_never_summed()
    {
        var database = await RunStore.FreshAsync(_store);
        await ImportAsync(database, CdnowSample(), ImportMode.Append, "USD");

        var result = await ImportAsync(
            database, "customer_id,date,amount,currency\nA,2024-01-01,10,USD\nB,2024-01-02,20,EUR\nC,2024-01-03,30,EUR\n", ImportMode.Append, null);

        result.Currency.Should().Be("USD");
        result.TransactionsImported.Should().Be(1);
        result.RowsRejected.Should().Be(2);
        result.RejectedByReason.Should().ContainSingle().Which.Should().Be(new RejectedLines(RejectionReason.OtherCurrency, 2, null));
        result.Errors.Should().OnlyContain(e => e.Message.Contains("the dataset is in USD"));
        await using var context = CltvDatabase.CreateContext(database);
        (await context.Transactions.AnyAsync(t => t.Currency != "USD")).Should().BeFalse();
    }

    [Fact]
    public async Task Changing_the_currency_setting_never_relabels_a_computed_run()
    {
        var database = await RunStore.FreshAsync(_store);
        await ImportAsync(database, CdnowSample(), ImportMode.Append, "USD");
        await RunStore.RecalculateAsync(database, CdnowEnd);

        await RunStore.ChangeSettingsAsync(database, s => s.CurrencyCode = "JPY");

        (await ContextAsync(database)).CurrencyCode.Should().Be("USD");
    }

    private static async Task<ImportResult> ImportAsync(
        string database, string text, ImportMode mode, string? currency, DatasetKind kind = DatasetKind.Own, DateOrder dateOrder = DateOrder.Unspecified)
    {
        var import = new DatasetImport(new CltvContextFactory(database), new FixedTime(Now));
        await using var file = Utf8(text);
        return await import.ImportAsync(file, "upload.csv", new ImportChoices { Currency = currency, DateOrder = dateOrder }, mode, "tests", null, null, kind);
    }

    private static async Task<DashboardContext> ContextAsync(string database)
    {
        await using var context = CltvDatabase.CreateContext(database);
        using var cache = new RunResultCache();
        return await new RunContextQueries(context, cache).ContextAsync();
    }

    // The CDNOW sample as written, or with a currency column naming one currency on every row.
    private static string CdnowSample(string? currencyColumn = null)
    {
        var lines = File.ReadAllLines(TestData("cdnow", "cdnow_sample.csv"));
        return currencyColumn is null
            ? string.Join('\n', lines) + "\n"
            : string.Join('\n', lines.Select((line, i) => line + (i == 0 ? ",currency" : "," + currencyColumn))) + "\n";
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
