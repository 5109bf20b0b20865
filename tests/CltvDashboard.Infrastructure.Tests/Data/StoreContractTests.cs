using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Tests.Data;

/// <summary>What the store must do on every provider; one derived class per provider runs it.</summary>
public abstract class StoreContractTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    private readonly TDatabase _store;

    protected StoreContractTests(TDatabase store) => _store = store;

    [Fact]
    public async Task Migrations_apply_on_an_empty_database_and_seed_the_settings_row()
    {
        var empty = await _store.CreateEmptyDatabaseAsync();

        var applied = await DatabaseMigrator.MigrateAsync(empty);
        var appliedAgain = await DatabaseMigrator.MigrateAsync(empty);

        await using var context = CltvDatabase.CreateContext(empty);
        applied.Should().NotBeEmpty().And.Equal(context.Database.GetMigrations());
        appliedAgain.Should().BeEmpty();
        (await context.Database.GetAppliedMigrationsAsync()).Should().Equal(context.Database.GetMigrations());
        var settings = await context.BusinessSettings.SingleAsync();
        settings.TimeZoneId.Should().Be("UTC");
        settings.CurrencyCode.Should().BeNull();
    }

    [Fact]
    public async Task The_database_setting_selects_the_provider_of_the_fixture()
    {
        await using var context = _store.CreateContext();

        var expected = _store.Provider == DatabaseProvider.Postgres ? typeof(PostgresCltvDbContext) : typeof(SqliteCltvDbContext);
        context.Should().BeOfType(expected);
        context.Database.ProviderName.Should().Contain(_store.Provider == DatabaseProvider.Postgres ? "Npgsql" : "Sqlite");
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        await using var context = _store.CreateContext();

        context.Database.HasPendingModelChanges().Should().BeFalse(
            "every model change needs a migration for each provider (see CltvDbContext's remarks)");
    }

    [Fact]
    public async Task Transactions_keep_decimal_precision_and_come_back_as_utc_in_time_order()
    {
        var batch = NewBatch();
        var customer = new Customer { ExternalId = Unique("customer"), FirstSeenAtUtc = Utc(2024, 3, 10, 9, 14, 59, 999_999), AcquisitionChannel = "email" };
        await _store.InsertAsync(batch, customer);
        // Microsecond times, the finest PostgreSQL keeps; one on a whole second tests that SQLite's text form,
        // which drops trailing zeros, still sorts in time order.
        var times = new[]
        {
            Utc(2024, 3, 10, 9, 15, 0, 0),
            Utc(2024, 3, 10, 9, 14, 59, 999_999),
            Utc(2025, 1, 1, 0, 0, 0, 1),
            Utc(2023, 12, 31, 23, 59, 59, 500_000),
            Utc(2024, 3, 10, 9, 15, 0, 123_456),
        };
        var amounts = new[] { 12_345_678_901_234.5678m, -0.0001m, 0m, 19.99m, -250.5m };
        var transactions = times.Select((time, i) => new Transaction
        {
            CustomerId = customer.Id,
            ImportBatchId = batch.Id,
            OccurredAtUtc = time,
            Amount = amounts[i],
            Currency = "EUR",
            OrderReference = i == 0 ? null : $"#{1000 + i}",
            Channel = i == 1 ? "web" : null,
            Quantity = i == 2 ? 2.5m : null,
            ContentHash = Unique("hash"),
        }).ToArray();
        await _store.InsertAsync(transactions);

        await using var context = _store.CreateContext();
        var stored = await context.Transactions.AsNoTracking()
            .Where(t => t.CustomerId == customer.Id && t.OccurredAtUtc >= Utc(2024, 1, 1, 0, 0, 0, 0))
            .OrderBy(t => t.OccurredAtUtc)
            .ToListAsync();

        stored.Select(t => t.OccurredAtUtc).Should().Equal(times.Where(t => t.Year >= 2024).Order());
        stored.Should().OnlyContain(t => t.OccurredAtUtc.Kind == DateTimeKind.Utc);
        var byTime = stored.ToDictionary(t => t.OccurredAtUtc);
        for (var i = 0; i < times.Length; i++)
        {
            if (times[i].Year < 2024)
            {
                continue;
            }

            var row = byTime[times[i]];
            row.Amount.Should().Be(amounts[i]);
            row.Currency.Should().Be("EUR");
            row.OrderReference.Should().Be(transactions[i].OrderReference);
            row.Channel.Should().Be(transactions[i].Channel);
            row.Quantity.Should().Be(transactions[i].Quantity);
            row.ImportBatchId.Should().Be(batch.Id);
        }

        // Dashboards total revenue in the database; SQLite keeps decimals as text, so this checks the sum is exact there too.
        (await context.Transactions.Where(t => t.CustomerId == customer.Id).SumAsync(t => t.Amount)).Should().Be(amounts.Sum());

        var storedCustomer = await context.Customers.AsNoTracking().SingleAsync(c => c.Id == customer.Id);
        storedCustomer.ExternalId.Should().Be(customer.ExternalId);
        storedCustomer.FirstSeenAtUtc.Should().Be(customer.FirstSeenAtUtc);
        storedCustomer.FirstSeenAtUtc.Kind.Should().Be(DateTimeKind.Utc);
        storedCustomer.AcquisitionChannel.Should().Be("email");
    }

    [Fact]
    public async Task Times_of_unspecified_kind_are_stored_as_utc()
    {
        var batch = NewBatch();
        batch.StartedAtUtc = new DateTime(2024, 6, 1, 12, 30, 0, DateTimeKind.Unspecified);
        await _store.InsertAsync(batch);

        await using var context = _store.CreateContext();
        var stored = await context.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == batch.Id);

        stored.StartedAtUtc.Should().Be(new DateTime(2024, 6, 1, 12, 30, 0, DateTimeKind.Utc));
        stored.StartedAtUtc.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public async Task Import_batches_and_their_problems_round_trip()
    {
        var batch = NewBatch();
        batch.FinishedAtUtc = Utc(2024, 5, 1, 8, 0, 3, 250_000);
        batch.Status = ImportStatus.Failed;
        batch.Mode = ImportMode.Replace;
        batch.RowsRead = 4_400_000;
        batch.RowsImported = 4_399_990;
        batch.DuplicatesSkipped = 7;
        batch.RowsRejected = 3;
        batch.SettingsJson = """{"customer":"Email","date":"Created at","dayFirst":false}""";
        batch.FailureMessage = "Nothing usable";
        batch.Problems.Add(new ImportProblem { LineNumber = 42, Column = "Total", Message = "Line 42, column Total: 'abc' is not an amount", RawRecord = "a@b.c,2024-01-01,abc" });
        batch.Problems.Add(new ImportProblem { LineNumber = 7, Message = "Line 7: no customer identifier" });
        await _store.InsertAsync(batch);

        await using var context = _store.CreateContext();
        var stored = await context.ImportBatches.AsNoTracking().Include(b => b.Problems).SingleAsync(b => b.Id == batch.Id);

        stored.Should().BeEquivalentTo(batch, options => options.Excluding(b => b.Problems));
        stored.Problems.OrderBy(p => p.LineNumber).Select(p => (p.LineNumber, p.Column, p.Message, p.RawRecord)).Should().Equal(
            (7L, (string?)null, "Line 7: no customer identifier", (string?)null),
            (42L, "Total", "Line 42, column Total: 'abc' is not an amount", "a@b.c,2024-01-01,abc"));
    }

    [Fact]
    public async Task Calculation_runs_and_their_results_round_trip()
    {
        var batch = NewBatch();
        var customer = new Customer { ExternalId = Unique("customer"), FirstSeenAtUtc = Utc(2023, 1, 5, 0, 0, 0, 0) };
        await _store.InsertAsync(batch, customer);
        var run = new CalculationRun
        {
            Status = CalculationRunStatus.Succeeded,
            Trigger = CalculationTrigger.Import,
            AsOfUtc = Utc(2024, 12, 31, 23, 59, 59, 0),
            RequestedAtUtc = Utc(2025, 1, 1, 6, 0, 0, 0),
            StartedAtUtc = Utc(2025, 1, 1, 6, 0, 1, 0),
            FinishedAtUtc = Utc(2025, 1, 1, 6, 2, 30, 0),
            Stage = "Done",
            PercentComplete = 100,
        };
        run.CustomerMetrics.Add(new RunCustomerMetric
        {
            CustomerId = customer.Id, Frequency = 3, RecencyDays = 210.5, TenureDays = 361, DaysSinceLastPurchase = 151,
            TotalRevenue = 1234.5678m, MeanRepeatPurchaseValue = 411.5226m, RecencyScore = 4, FrequencyScore = 3, MonetaryScore = 5,
            Segment = "Loyal", ProbabilityAlive = 0.8731, ExpectedPurchases = 1.25, PredictedClv = 987.6543m,
        });
        run.SegmentSummaries.Add(new RunSegmentSummary { Segment = "Loyal", CustomerCount = 1, TotalRevenue = 1234.5678m, TotalPredictedClv = 987.6543m, AverageProbabilityAlive = 0.8731 });
        run.CohortCells.Add(new RunCohortCell { AcquisitionMonth = new DateOnly(2023, 1, 1), MonthsSinceAcquisition = 0, CohortSize = 1, ActiveCustomers = 1, Revenue = 100.25m, CumulativeRevenue = 100.25m });
        run.CohortCells.Add(new RunCohortCell { AcquisitionMonth = new DateOnly(2023, 1, 1), MonthsSinceAcquisition = 23, CohortSize = 1, ActiveCustomers = 0, Revenue = -5m, CumulativeRevenue = 1234.5678m, IsPartial = true });
        run.ModelFits.Add(new RunModelFit { ModelName = "BG/NBD", ParametersJson = """{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}""", LogLikelihood = -9582.429, Converged = true, FittedAtUtc = Utc(2025, 1, 1, 6, 1, 0, 0) });
        await _store.InsertAsync(run);

        await using var context = _store.CreateContext();
        var stored = await context.CalculationRuns.AsNoTracking()
            .Include(r => r.CustomerMetrics).Include(r => r.SegmentSummaries).Include(r => r.CohortCells).Include(r => r.ModelFits)
            .AsSplitQuery()
            .SingleAsync(r => r.Id == run.Id);

        stored.Should().BeEquivalentTo(run, options => options
            .Excluding(r => r.CustomerMetrics)
            .Excluding(r => r.SegmentSummaries)
            .Excluding(r => r.CohortCells)
            .Excluding(r => r.ModelFits));
        stored.CustomerMetrics.Should().BeEquivalentTo(run.CustomerMetrics);
        stored.SegmentSummaries.Should().BeEquivalentTo(run.SegmentSummaries);
        stored.CohortCells.OrderBy(c => c.MonthsSinceAcquisition).Should().BeEquivalentTo(run.CohortCells, options => options.WithStrictOrdering());
        stored.ModelFits.Should().BeEquivalentTo(run.ModelFits);
        stored.ModelFits.Single().FittedAtUtc.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public async Task Business_settings_can_be_changed()
    {
        await using (var context = _store.CreateContext())
        {
            var settings = await context.BusinessSettings.SingleAsync(s => s.Id == BusinessSettings.SingletonId);
            settings.TimeZoneId = "Europe/Berlin";
            settings.CurrencyCode = "EUR";
            settings.UpdatedAtUtc = Utc(2025, 2, 3, 4, 5, 6, 0);
            await context.SaveChangesAsync();
        }

        await using var reader = _store.CreateContext();
        var stored = await reader.BusinessSettings.AsNoTracking().SingleAsync();
        stored.TimeZoneId.Should().Be("Europe/Berlin");
        stored.CurrencyCode.Should().Be("EUR");
        stored.UpdatedAtUtc.Should().Be(Utc(2025, 2, 3, 4, 5, 6, 0));
    }

    [Fact]
    public async Task A_second_customer_with_the_same_external_id_is_refused()
    {
        var externalId = Unique("customer");
        await _store.InsertAsync(new Customer { ExternalId = externalId, FirstSeenAtUtc = Utc(2024, 1, 1, 0, 0, 0, 0) });

        var insertingAgain = () => _store.InsertAsync(new Customer { ExternalId = externalId, FirstSeenAtUtc = Utc(2024, 2, 1, 0, 0, 0, 0) });

        await insertingAgain.Should().ThrowAsync<DbUpdateException>();
        await using var context = _store.CreateContext();
        (await context.Customers.CountAsync(c => c.ExternalId == externalId)).Should().Be(1);
    }

    [Fact]
    public async Task A_second_transaction_with_the_same_content_hash_is_refused()
    {
        var batch = NewBatch();
        var customer = new Customer { ExternalId = Unique("customer"), FirstSeenAtUtc = Utc(2024, 1, 1, 0, 0, 0, 0) };
        await _store.InsertAsync(batch, customer);
        var hash = Unique("hash");
        Transaction Row(decimal amount) => new()
        {
            CustomerId = customer.Id, ImportBatchId = batch.Id, OccurredAtUtc = Utc(2024, 1, 1, 0, 0, 0, 0),
            Amount = amount, Currency = "USD", ContentHash = hash,
        };
        await _store.InsertAsync(Row(10m));

        var insertingAgain = () => _store.InsertAsync(Row(11m));

        await insertingAgain.Should().ThrowAsync<DbUpdateException>();
        await using var context = _store.CreateContext();
        (await context.Transactions.Where(t => t.ContentHash == hash).Select(t => t.Amount).ToListAsync()).Should().Equal(10m);
    }

    [Fact]
    public async Task Only_one_calculation_run_can_be_current()
    {
        await using (var cleanup = _store.CreateContext())
        {
            await cleanup.CalculationRuns.Where(r => r.IsCurrent).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsCurrent, false));
        }

        await _store.InsertAsync(NewRun(isCurrent: true), NewRun(isCurrent: false), NewRun(isCurrent: false));

        var addingAnotherCurrent = () => _store.InsertAsync(NewRun(isCurrent: true));

        await addingAnotherCurrent.Should().ThrowAsync<DbUpdateException>();
    }

    private static ImportBatch NewBatch() => new()
    {
        FileName = "orders_export.csv",
        Checksum = new string('a', 64),
        ImportedBy = "tests",
        StartedAtUtc = Utc(2024, 5, 1, 8, 0, 0, 0),
        Status = ImportStatus.Succeeded,
        Mode = ImportMode.Append,
    };

    private static CalculationRun NewRun(bool isCurrent) => new()
    {
        Status = CalculationRunStatus.Queued,
        Trigger = CalculationTrigger.Manual,
        AsOfUtc = Utc(2024, 12, 31, 0, 0, 0, 0),
        RequestedAtUtc = Utc(2025, 1, 1, 0, 0, 0, 0),
        IsCurrent = isCurrent,
    };

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static DateTime Utc(int year, int month, int day, int hour, int minute, int second, int microseconds) =>
        new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(microseconds * 10L);
}
