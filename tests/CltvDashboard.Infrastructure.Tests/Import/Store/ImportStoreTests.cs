using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Infrastructure.Tests.Support;
using CltvDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Import.Store;

/// <summary>The import into the store, the same suite on every provider; each test gets a fresh database.</summary>
public abstract class ImportStoreTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    private readonly TDatabase _store;

    protected ImportStoreTests(TDatabase store) => _store = store;

    [Fact]
    public async Task Cdnow_sample_imports_every_customer_and_the_sum_of_its_amounts()
    {
        var database = await FreshStoreAsync();
        var path = TestData("cdnow", "cdnow_sample.csv");
        var expectedRevenue = File.ReadLines(path).Skip(1).Sum(line => decimal.Parse(line.Split(',')[3], CultureInfo.InvariantCulture));

        var result = await ImportFileAsync(database, path);

        result.Status.Should().Be("Succeeded");
        result.RowsRead.Should().Be(6_919);
        result.Customers.Should().Be(2_357);
        result.TransactionsImported.Should().Be(6_919);
        result.Orders.Should().Be(6_919, "CDNOW rows have no order reference, so each is an order");
        result.NetRevenue.Should().Be(expectedRevenue);
        result.DuplicatesSkipped.Should().Be(0);
        result.Layout.Should().Be(nameof(ImportLayout.Simple));
        (await SnapshotAsync(database)).Should().Be(new StoreSnapshot(2_357, 6_919, expectedRevenue));

        await using var context = CltvDatabase.CreateContext(database);
        var batch = await context.ImportBatches.SingleAsync();
        batch.Status.Should().Be(ImportStatus.Succeeded);
        batch.FileName.Should().Be("cdnow_sample.csv");
        batch.Checksum.Should().Be(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))));
        batch.RowsRead.Should().Be(6_919);
        batch.RowsImported.Should().Be(6_919);
        batch.FinishedAtUtc.Should().NotBeNull();
        batch.SettingsJson.Should().Contain("\"Currency\":\"USD\"");
        var firstSeen = await context.Customers.SingleAsync(c => c.ExternalId == "1");
        firstSeen.FirstSeenAtUtc.Should().Be(new DateTime(1997, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_adds_nothing_the_second_time()
    {
        var database = await FreshStoreAsync();
        var path = TestData("cdnow", "cdnow_sample.csv");
        await ImportFileAsync(database, path);
        var before = await SnapshotAsync(database);

        var again = await ImportFileAsync(database, path);

        again.Status.Should().Be("Succeeded");
        again.TransactionsImported.Should().Be(0);
        again.Customers.Should().Be(0);
        again.Orders.Should().Be(0);
        again.NetRevenue.Should().Be(0m);
        again.DuplicatesSkipped.Should().Be(6_919);
        (await SnapshotAsync(database)).Should().Be(before);
        await using var context = CltvDatabase.CreateContext(database);
        (await context.ImportBatches.CountAsync(b => b.Status == ImportStatus.Succeeded)).Should().Be(2);
    }

    [Fact]
    public async Task An_overlapping_export_adds_only_the_rows_not_stored_yet()
    {
        var database = await FreshStoreAsync();
        await ImportTextAsync(database, Simple(Enumerable.Range(1, 100)));

        var result = await ImportTextAsync(database, Simple(Enumerable.Range(61, 60)));

        result.TransactionsImported.Should().Be(20);
        result.DuplicatesSkipped.Should().Be(40);
        result.Customers.Should().Be(20);
        result.NetRevenue.Should().Be(Enumerable.Range(101, 20).Sum(Amount));
        (await SnapshotAsync(database)).Should().Be(new StoreSnapshot(120, 120, Enumerable.Range(1, 120).Sum(Amount)));
    }

    [Fact]
    public async Task A_file_turning_binary_after_the_first_block_leaves_the_store_as_it_was()
    {
        var database = await FreshStoreAsync();
        await ImportTextAsync(database, Simple(Enumerable.Range(1, 50)));
        var before = await SnapshotAsync(database);
        var bytes = Encoding.UTF8.GetBytes(Simple(Enumerable.Range(1_000, 8_000)));
        bytes.Length.Should().BeGreaterThan(1 << 17, "the bad byte must come after rows have been staged");
        bytes[^10] = 0;

        var act = () => ImportAsync(database, new MemoryStream(bytes));

        (await act.Should().ThrowAsync<ImportFileException>()).Which.Failure.Should().Be(ImportFailure.Binary);
        (await SnapshotAsync(database)).Should().Be(before);
        var failed = await LastBatchAsync(database);
        failed.Status.Should().Be(ImportStatus.Failed);
        failed.FailureMessage.Should().StartWith("The file contains binary data");
        failed.RowsImported.Should().Be(0);
    }

    [Fact]
    public async Task A_line_over_the_limit_midway_leaves_the_store_as_it_was()
    {
        var database = await FreshStoreAsync();
        await ImportTextAsync(database, Simple(Enumerable.Range(1, 50)));
        var before = await SnapshotAsync(database);
        var text = Simple(Enumerable.Range(1_000, 3_000)) + "c9," + new string('7', 5_000) + "\n";

        var act = () => ImportAsync(database, Utf8(text), Options() with { MaxLineLength = 1_000 });

        (await act.Should().ThrowAsync<ImportFileException>()).Which.Failure.Should().Be(ImportFailure.LineTooLong);
        (await SnapshotAsync(database)).Should().Be(before);
        (await LastBatchAsync(database)).Status.Should().Be(ImportStatus.Failed);
    }

    [Fact]
    public async Task A_cancelled_import_leaves_the_store_as_it_was_and_records_the_failure()
    {
        var database = await FreshStoreAsync();
        await ImportTextAsync(database, Simple(Enumerable.Range(1, 50)));
        var before = await SnapshotAsync(database);
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.RowsRead > 0)
            {
                cancellation.Cancel();
            }
        });

        var act = () => new TransactionImporter(database).ImportAsync(
            Utf8(Simple(Enumerable.Range(1_000, 40_000))), new ImportRequest("big.csv", Options()), progress, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await SnapshotAsync(database)).Should().Be(before);
        var failed = await LastBatchAsync(database);
        failed.Status.Should().Be(ImportStatus.Failed);
        failed.FailureMessage.Should().Be("The import was cancelled.");
    }

    [Fact]
    public async Task Replace_mode_swaps_the_dataset_and_drops_customers_left_without_transactions()
    {
        var database = await FreshStoreAsync();
        await ImportTextAsync(database, "customer_id,date,amount\nkeep,2020-01-05,10\ngone,2020-02-01,20\n");

        var result = await ImportTextAsync(
            database, "customer_id,date,amount\nkeep,2021-03-01,5\nkeep,2021-04-01,6\nnew,2021-05-01,7\n", ImportMode.Replace);

        result.TransactionsImported.Should().Be(3);
        result.Customers.Should().Be(2, "a replace starts the data anew: 'keep' is new to it like 'new'");
        result.NetRevenue.Should().Be(18m);
        (await SnapshotAsync(database)).Should().Be(new StoreSnapshot(2, 3, 18m));
        await using var context = CltvDatabase.CreateContext(database);
        var customers = await context.Customers.OrderBy(c => c.ExternalId).ToListAsync();
        customers.Select(c => c.ExternalId).Should().Equal("keep", "new");
        customers[0].FirstSeenAtUtc.Should().Be(new DateTime(2021, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        (await context.ImportBatches.CountAsync()).Should().Be(2, "the history of uploads outlives a replace");
    }

    [Fact]
    public async Task An_import_with_earlier_rows_moves_a_customers_first_seen_back()
    {
        var database = await FreshStoreAsync();
        await ImportTextAsync(database, "customer_id,date,amount\nann,2022-06-01,10\n");

        await ImportTextAsync(database, "customer_id,date,amount\nann,2021-01-15,4\nann,2023-01-01,3\n");

        await using var context = CltvDatabase.CreateContext(database);
        (await context.Customers.SingleAsync()).FirstSeenAtUtc.Should().Be(new DateTime(2021, 1, 15, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task A_customers_acquisition_channel_is_the_channel_of_their_first_purchase()
    {
        var database = await FreshStoreAsync();
        await ImportTextAsync(database, "customer_id,date,amount,channel\nann,2022-06-01,10,email\nann,2022-07-01,5,search\nbob,2022-06-03,8,\ncid,2022-06-04,9,search\n");

        (await ChannelsAsync(database)).Should().Equal(new Dictionary<string, string?> { ["ann"] = "email", ["bob"] = null, ["cid"] = "search" });

        // An earlier purchase found in a later export changes where the customer came from; bob's stays unknown.
        await ImportTextAsync(database, "customer_id,date,amount,channel\nann,2021-03-01,4,social\nbob,2023-01-01,6,email\n");

        (await ChannelsAsync(database)).Should().Equal(new Dictionary<string, string?> { ["ann"] = "social", ["bob"] = null, ["cid"] = "search" });
    }

    [Fact]
    public async Task Files_without_a_channel_column_leave_acquisition_channels_unknown()
    {
        var database = await FreshStoreAsync();

        await ImportTextAsync(database, "customer_id,date,amount\nann,2022-06-01,10\nbob,2022-06-03,8\n");

        (await ChannelsAsync(database)).Values.Should().AllSatisfy(channel => channel.Should().BeNull());
    }

    private static async Task<Dictionary<string, string?>> ChannelsAsync(string database)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.Customers.ToDictionaryAsync(c => c.ExternalId, c => c.AcquisitionChannel);
    }

    [Fact]
    public async Task Shopify_export_stores_its_orders_customers_and_net_revenue()
    {
        var database = await FreshStoreAsync();

        var result = await ImportTextAsync(database, ShopifyFiles.Export(), options: Options(currency: null));

        result.Layout.Should().Be(nameof(ImportLayout.Shopify));
        result.Currency.Should().Be("EUR");
        result.Orders.Should().Be(4, "#1001, #1002, #1004 and #1006 are sales; #1003 is voided and #1005 a test");
        result.Customers.Should().Be(3);
        result.TransactionsImported.Should().Be(6, "four sales, a partial refund and a full refund");
        result.NetRevenue.Should().Be(ShopifyFiles.NetRevenue);
        (await SnapshotAsync(database)).Should().Be(new StoreSnapshot(3, 6, ShopifyFiles.NetRevenue));
        await using var context = CltvDatabase.CreateContext(database);
        var refund = await context.Transactions.SingleAsync(t => t.OrderReference == "#1002:refund");
        refund.Amount.Should().Be(-20m);
        refund.Currency.Should().Be("EUR");
        var first = await context.Transactions.SingleAsync(t => t.OrderReference == "#1001");
        first.OccurredAtUtc.Should().Be(new DateTime(2025, 10, 7, 7, 50, 26, DateTimeKind.Utc));
        first.Quantity.Should().Be(4m);
        first.Channel.Should().Be("web");
    }

    [Fact]
    public async Task Rejected_rows_are_stored_with_their_line_and_column()
    {
        var database = await FreshStoreAsync();
        var text = "customer_id,date,amount\na,2024-01-01,10\nb,2024-01-02,ten\nc,2024-01-03,5\nd,not a date,6\n";

        var result = await ImportTextAsync(database, text);

        result.TransactionsImported.Should().Be(2);
        result.RowsRejected.Should().Be(2);
        result.Errors.Select(e => (e.Line, e.Column)).Should().Equal((3L, "amount"), (5L, "date"));
        await using var context = CltvDatabase.CreateContext(database);
        var problems = await context.ImportProblems.OrderBy(p => p.LineNumber).ToListAsync();
        problems.Select(p => (p.LineNumber, p.Column)).Should().Equal((3L, "amount"), (5L, "date"));
        problems.Should().OnlyContain(p => p.ImportBatchId == result.BatchId && p.Message.Length > 0);
        (await context.ImportBatches.SingleAsync()).RowsRejected.Should().Be(2);
    }

    [Fact]
    public async Task Rows_beyond_the_stores_limits_are_rejected_with_their_line_and_column_and_the_rest_stored()
    {
        var database = await FreshStoreAsync();
        var longId = new string('x', 300);
        var text = "customer_id,date,amount\n"
            + "a,2024-01-01,10\n"
            + "bigA,2023-05-01,5000000000000000000000000000\n"
            + "huge,2023-05-02,1000000000000000\n"
            + $"{longId},2024-01-02,5\n"
            + "early,0001-01-01T00:00:00+05:00,3\n"
            + "late,9999-12-31T23:59:59-05:00,3\n"
            + "old,1969-12-31,3\n"
            + "b,2024-01-03,7\n";

        var result = await ImportTextAsync(database, text);

        result.Status.Should().Be("Succeeded");
        result.TransactionsImported.Should().Be(2);
        result.Errors.Select(e => (e.Line, e.Column)).Should().Equal(
            (3L, "amount"), (4L, "amount"), (5L, "customer_id"), (6L, "date"), (7L, "date"), (8L, "date"));
        result.Errors[0].Message.Should().Contain("beyond the amounts").And.Contain("1,000,000,000,000");
        result.Errors[2].Message.Should().Contain("300 characters");
        result.Errors[5].Message.Should().Contain("before 1970-01-01");
        (await SnapshotAsync(database)).Should().Be(new StoreSnapshot(2, 2, 17m));
    }

    [Fact]
    public async Task Rejected_rows_download_as_csv_with_their_line_reason_and_original_fields()
    {
        var database = await FreshStoreAsync();
        var text = "customer_id;date;amount;note\n"
            + "a;2024-01-01;10;fine\n"
            + "b;2024-01-02;=1+2;\"x, \"\"quoted\"\"\"\n"
            + "c;2024-01-03;5;ok\n"
            + "@d;not a date;-6;+cmd\n";

        var result = await ImportTextAsync(database, text);

        result.RowsRejected.Should().Be(2);
        var (header, rows) = await DownloadRejectedAsync(database, result.BatchId);
        header.Should().Equal("line", "column", "reason", "customer_id", "date", "amount", "note");
        rows.Should().HaveCount(2);
        rows[0].Should().Equal("3", "amount", result.Errors[0].Message, "b", "2024-01-02", "'=1+2", "x, \"quoted\"");
        rows[0][2].Should().Contain("is not an amount");
        rows[1].Should().Equal("5", "date", result.Errors[1].Message, "'@d", "not a date", "'-6", "'+cmd");
    }

    [Fact]
    public async Task Every_rejected_row_is_stored_with_its_record_beyond_the_problems_kept_in_memory()
    {
        var database = await FreshStoreAsync();
        var csv = new StringBuilder("customer_id,date,amount\n");
        for (var i = 0; i < 9_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"c{i},2024-01-01,{(i % 3 == 0 ? "1" : "?" + i)}\n");
        }

        var result = await ImportTextAsync(database, csv.ToString(), options: Options() with { MaxProblemsKept = 10 });

        result.RowsRejected.Should().Be(6_000, "more than are kept in memory before the rest goes to a temporary file");
        var (_, rows) = await DownloadRejectedAsync(database, result.BatchId);
        rows.Should().HaveCount(6_000);
        rows.Select(r => long.Parse(r[0], CultureInfo.InvariantCulture)).Should().BeInAscendingOrder();
        rows[^1].Should().Equal("9001", "amount", "'?8999' is not an amount (expected e.g. 12.50, 1,234.50, €12,50 or (5.00))", "c8999", "2024-01-01", "?8999");
        await using var context = CltvDatabase.CreateContext(database);
        (await context.ImportProblems.CountAsync(p => p.RawRecord == null)).Should().Be(0);
    }

    [Fact]
    public async Task Downloading_the_rejected_rows_of_an_unknown_batch_fails()
    {
        var database = await FreshStoreAsync();
        await using var context = CltvDatabase.CreateContext(database);

        var act = () => RejectedRowsCsv.WriteAsync(context, 42, new MemoryStream());

        await act.Should().ThrowAsync<KeyNotFoundException>();
    }

    [Fact]
    public async Task A_large_import_into_an_empty_store_keeps_every_index_constraint_and_the_dedupe()
    {
        // Large enough that the merge drops the secondary indexes (and, on PostgreSQL, the foreign keys) and rebuilds them.
        var database = await FreshStoreAsync();
        var file = Simple(Enumerable.Range(0, 12_000));

        var first = await ImportTextAsync(database, file);
        var again = await ImportTextAsync(database, file);
        var replaced = await ImportTextAsync(database, Simple(Enumerable.Range(6_000, 12_000)), ImportMode.Replace);

        first.TransactionsImported.Should().Be(12_000);
        again.TransactionsImported.Should().Be(0);
        again.DuplicatesSkipped.Should().Be(12_000);
        replaced.TransactionsImported.Should().Be(12_000);
        (await SnapshotAsync(database)).Should().Be(new StoreSnapshot(12_000, 12_000, Enumerable.Range(6_000, 12_000).Sum(Amount)));

        await using var context = CltvDatabase.CreateContext(database);
        var modelIndexes = context.Model.FindEntityType(typeof(Transaction))!.GetIndexes().Select(i => i.GetDatabaseName()).ToList();
        var storedIndexes = await context.Database.SqlQueryRaw<string>(context.Database.IsNpgsql()
            ? "SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = 'transactions'"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions'").ToListAsync();
        storedIndexes.Should().Contain(modelIndexes);

        var orphan = () => context.Database.ExecuteSqlRawAsync(
            "INSERT INTO transactions (customer_id, occurred_at_utc, amount, currency, import_batch_id, content_hash) " +
            "VALUES (-1, '2024-01-01T00:00:00Z', 1, 'USD', -1, 'orphan')");
        await orphan.Should().ThrowAsync<Exception>("the foreign keys are back in force");
    }

    [Fact]
    public async Task A_large_import_into_an_empty_store_repeating_orders_beyond_the_readers_window_stores_each_once()
    {
        var database = await FreshStoreAsync();
        var file = Simple(Enumerable.Range(0, 12_000), orders: true) + WithoutHeader(Simple(Enumerable.Range(11_000, 500), orders: true));

        var result = await ImportTextAsync(database, file, options: Options() with { DuplicateWindow = 10 });

        result.TransactionsImported.Should().Be(12_000);
        result.DuplicatesSkipped.Should().Be(500);
        result.Customers.Should().Be(12_000);
        result.NetRevenue.Should().Be(Enumerable.Range(0, 12_000).Sum(Amount));
        (await SnapshotAsync(database)).Should().Be(new StoreSnapshot(12_000, 12_000, Enumerable.Range(0, 12_000).Sum(Amount)));
        await using var context = CltvDatabase.CreateContext(database);
        var uniqueIndex = context.Model.FindEntityType(typeof(Transaction))!.GetIndexes().Single(i => i.IsUnique).GetDatabaseName();
        var storedIndexes = await context.Database.SqlQueryRaw<string>(context.Database.IsNpgsql()
            ? "SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = 'transactions'"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions'").ToListAsync();
        storedIndexes.Should().Contain(uniqueIndex);
    }

    [Fact]
    public async Task A_large_import_over_a_smaller_store_adds_only_new_rows_and_each_repeated_order_once()
    {
        // Large relative to the store, so that the merge rebuilds the indexes; the reader's window of 10 hashes
        // lets the file's repeats through to the store's dedupe.
        var database = await FreshStoreAsync();
        await ImportTextAsync(database, Simple(Enumerable.Range(0, 4_000), orders: true));
        var file = Simple(Enumerable.Range(2_000, 12_000), orders: true) + WithoutHeader(Simple(Enumerable.Range(13_000, 500), orders: true));

        var result = await ImportTextAsync(database, file, options: Options() with { DuplicateWindow = 10 });

        result.TransactionsImported.Should().Be(10_000);
        result.DuplicatesSkipped.Should().Be(2_500);
        result.NetRevenue.Should().Be(Enumerable.Range(4_000, 10_000).Sum(Amount));
        result.Orders.Should().Be(10_000);
        (await SnapshotAsync(database)).Should().Be(new StoreSnapshot(14_000, 14_000, Enumerable.Range(0, 14_000).Sum(Amount)));
        var again = await ImportTextAsync(database, file);
        again.TransactionsImported.Should().Be(0);
    }

    [Fact]
    public async Task A_large_first_import_keeps_identical_rows_without_a_reference_apart_and_adds_nothing_when_imported_again()
    {
        // The first import of a store takes the direct way on PostgreSQL; the 500 rows repeated far apart are
        // purchases of their own, numbered by the store.
        var database = await FreshStoreAsync();
        var file = Simple(Enumerable.Range(0, 12_000)) + WithoutHeader(Simple(Enumerable.Range(11_000, 500)));
        var revenue = Enumerable.Range(0, 12_000).Sum(Amount) + Enumerable.Range(11_000, 500).Sum(Amount);

        var result = await ImportTextAsync(database, file);
        var again = await ImportTextAsync(database, file);

        result.TransactionsImported.Should().Be(12_500);
        result.DuplicatesSkipped.Should().Be(0);
        result.Customers.Should().Be(12_000);
        result.NetRevenue.Should().Be(revenue);
        again.TransactionsImported.Should().Be(0);
        again.DuplicatesSkipped.Should().Be(12_500);
        (await SnapshotAsync(database)).Should().Be(new StoreSnapshot(12_000, 12_500, revenue));
        await ShouldHaveEveryIndexAndKeyAsync(database);
    }

    [Fact]
    public async Task A_large_import_over_a_smaller_store_keeps_identical_rows_without_a_reference_apart()
    {
        var database = await FreshStoreAsync();
        await ImportTextAsync(database, Simple(Enumerable.Range(0, 4_000)));
        var file = Simple(Enumerable.Range(2_000, 12_000)) + WithoutHeader(Simple(Enumerable.Range(13_000, 500)));

        var result = await ImportTextAsync(database, file);
        var again = await ImportTextAsync(database, file);

        result.TransactionsImported.Should().Be(10_500);
        result.DuplicatesSkipped.Should().Be(2_000);
        again.TransactionsImported.Should().Be(0);
        (await SnapshotAsync(database)).Should().Be(
            new StoreSnapshot(14_000, 14_500, Enumerable.Range(0, 14_000).Sum(Amount) + Enumerable.Range(13_000, 500).Sum(Amount)));
    }

    [Theory]
    [InlineData("x,2023-01-05,10\ny,2023-01-05,10\nx,2023-01-05,10\n", "x,2023-01-05,10\nx,2023-01-05,10\ny,2023-01-05,10\n")]
    [InlineData("x,2023-01-05,10\ny,2023-01-05,10\nx,2023-01-05,10\n", "y,2023-01-05,10\nx,2023-01-05,10\nx,2023-01-05,10\n")]
    public async Task Identical_lines_give_the_same_purchases_in_any_order_of_the_file(string first, string reordered)
    {
        var apart = await FreshStoreAsync();
        var together = await FreshStoreAsync();

        var apartResult = await ImportTextAsync(apart, "customer_id,date,amount\n" + first);
        var togetherResult = await ImportTextAsync(together, "customer_id,date,amount\n" + reordered);
        var reorderedIntoApart = await ImportTextAsync(apart, "customer_id,date,amount\n" + reordered);

        apartResult.TransactionsImported.Should().Be(3);
        togetherResult.TransactionsImported.Should().Be(3);
        reorderedIntoApart.TransactionsImported.Should().Be(0, "the same lines in another order are the same purchases");
        (await SnapshotAsync(apart)).Should().Be(new StoreSnapshot(2, 3, 30));
        (await SnapshotAsync(together)).Should().Be(new StoreSnapshot(2, 3, 30));
    }

    [Fact]
    public async Task A_line_item_export_is_reported_in_lines_and_orders_with_every_rejected_line_kept()
    {
        var database = await FreshStoreAsync();
        var retail = OnlineRetailExportGenerator.Generate(customers: 300, seed: 8);

        var result = await ImportTextAsync(database, retail.Text, options: Options() with { Currency = "GBP", DateOrder = DateOrder.MonthFirst });

        result.RowsRead.Should().Be(retail.Lines);
        result.LinesRejected.Should().Be(retail.LinesWithoutCustomer);
        result.RowsRejected.Should().Be(retail.InvoicesWithoutCustomer);
        result.LinesUsed.Should().Be(retail.Lines - retail.LinesWithoutCustomer);
        result.RejectedByReason.Should().Equal(new RejectedLines(RejectionReason.NoCustomer, retail.LinesWithoutCustomer, retail.ValueWithoutCustomer));
        result.Customers.Should().Be(retail.Customers);
        result.Refunds.Should().BePositive();
        result.FirstDay.Should().BeOnOrAfter(new DateOnly(2010, 12, 1));
        result.LastDay.Should().BeAfter(result.FirstDay!.Value);
        await using var context = CltvDatabase.CreateContext(database);
        var batch = await context.ImportBatches.AsNoTracking().SingleAsync();
        batch.LinesRejected.Should().Be(retail.LinesWithoutCustomer);
        batch.LinesUsed.Should().Be(result.LinesUsed);
        batch.RejectedByReason.Should().Equal(result.RejectedByReason);
        batch.OrdersImported.Should().Be(result.Orders);
        batch.CustomersAdded.Should().Be(retail.Customers);
        batch.NetRevenue.Should().Be(result.NetRevenue);
        batch.Refunds.Should().Be(result.Refunds);
        (batch.FirstDay, batch.LastDay).Should().Be((result.FirstDay, result.LastDay));
        batch.Currency.Should().Be("GBP");
        (await context.ImportProblems.CountAsync()).Should().Be(retail.LinesWithoutCustomer, "every line of a rejected invoice can be downloaded");
        (await context.Customers.AnyAsync(c => EF.Functions.Like(c.ExternalId, "%.%"))).Should().BeFalse("17850.0 is customer 17850");
    }

    [Fact]
    public async Task A_file_failing_midway_into_an_empty_store_leaves_it_empty_with_every_index_and_key()
    {
        // The first import of a store takes the direct way on PostgreSQL: indexes dropped, rows copied into the
        // tables themselves; the failure must undo all of it.
        var database = await FreshStoreAsync();
        var bytes = Encoding.UTF8.GetBytes(Simple(Enumerable.Range(0, 12_000)));
        bytes[^10] = 0;

        var act = () => ImportAsync(database, new MemoryStream(bytes));

        (await act.Should().ThrowAsync<ImportFileException>()).Which.Failure.Should().Be(ImportFailure.Binary);
        (await SnapshotAsync(database)).Should().Be(new StoreSnapshot(0, 0, 0));
        await ShouldHaveEveryIndexAndKeyAsync(database);
        var retried = await ImportTextAsync(database, Simple(Enumerable.Range(0, 12_000)));
        retried.TransactionsImported.Should().Be(12_000);
        retried.Customers.Should().Be(12_000);
        (await SnapshotAsync(database)).Should().Be(new StoreSnapshot(12_000, 12_000, Enumerable.Range(0, 12_000).Sum(Amount)));
        await ShouldHaveEveryIndexAndKeyAsync(database);
    }

    [Fact]
    public async Task A_first_import_gives_each_customer_the_earliest_of_its_rows_wherever_they_are_in_the_file()
    {
        var database = await FreshStoreAsync();
        const string File = "customer_id,date,amount\na,2020-03-01,10\nb,2020-02-01,5\na,2020-03-02,1\nb,2020-01-20,7\na,2020-01-15,3\n";

        var result = await ImportTextAsync(database, File);

        result.Customers.Should().Be(2);
        result.TransactionsImported.Should().Be(5);
        await using var context = CltvDatabase.CreateContext(database);
        var firstSeen = await context.Customers.OrderBy(c => c.ExternalId).Select(c => c.FirstSeenAtUtc).ToListAsync();
        firstSeen.Should().Equal(new DateTime(2020, 1, 15, 0, 0, 0, DateTimeKind.Utc), new DateTime(2020, 1, 20, 0, 0, 0, DateTimeKind.Utc));
        var perCustomer = await context.Transactions.GroupBy(t => t.Customer!.ExternalId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        perCustomer.Should().BeEquivalentTo([new { Key = "a", Count = 3 }, new { Key = "b", Count = 2 }]);
    }

    [Fact]
    public async Task Rows_and_customers_added_after_a_first_import_get_identifiers_of_their_own()
    {
        var database = await FreshStoreAsync();
        await ImportTextAsync(database, Simple(Enumerable.Range(0, 300)));

        var appended = await ImportTextAsync(database, Simple(Enumerable.Range(200, 300)));
        await using (var context = CltvDatabase.CreateContext(database))
        {
            var batch = await context.ImportBatches.MaxAsync(b => b.Id);
            var customer = new Customer { ExternalId = "by hand", FirstSeenAtUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
            customer.Transactions.Add(new Transaction
            {
                OccurredAtUtc = customer.FirstSeenAtUtc, Amount = 1, Currency = "USD", ImportBatchId = batch, ContentHash = "by hand",
            });
            context.Customers.Add(customer);
            await context.SaveChangesAsync();
        }

        appended.TransactionsImported.Should().Be(200);
        appended.Customers.Should().Be(200);
        (await SnapshotAsync(database)).Should().Be(new StoreSnapshot(501, 501, Enumerable.Range(0, 500).Sum(Amount) + 1));
    }

    private static async Task<(IReadOnlyList<string> Header, List<string[]> Rows)> DownloadRejectedAsync(string database, long batchId)
    {
        await using var context = CltvDatabase.CreateContext(database);
        using var csv = new MemoryStream();
        var written = await RejectedRowsCsv.WriteAsync(context, batchId, csv);
        csv.Position = 0;
        using var reader = await Sylvan.Data.Csv.CsvDataReader.CreateAsync(new StreamReader(csv));
        var header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.RowFieldCount).Select(reader.GetString).ToArray());
        }

        rows.Should().HaveCount((int)written);
        return (header, rows);
    }

    private static async Task ShouldHaveEveryIndexAndKeyAsync(string database)
    {
        await using var context = CltvDatabase.CreateContext(database);
        var modelIndexes = new[] { typeof(Transaction), typeof(Customer) }
            .SelectMany(t => context.Model.FindEntityType(t)!.GetIndexes()).Select(i => i.GetDatabaseName()).ToList();
        var storedIndexes = await context.Database.SqlQueryRaw<string>(context.Database.IsNpgsql()
            ? "SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename IN ('transactions', 'customers')"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('transactions', 'customers')").ToListAsync();
        storedIndexes.Should().Contain(modelIndexes);
        var orphan = () => context.Database.ExecuteSqlRawAsync(
            "INSERT INTO transactions (customer_id, occurred_at_utc, amount, currency, import_batch_id, content_hash) " +
            "VALUES (-1, '2024-01-01T00:00:00Z', 1, 'USD', -1, 'orphan')");
        await orphan.Should().ThrowAsync<Exception>("the foreign keys are in force");
    }

    private static decimal Amount(int i) => i + (i % 100) / 100m;

    /// <summary>One row per customer c{i}, so that rows and customers overlap together; with <paramref name="orders"/>, row i is order o{i}.</summary>
    private static string Simple(IEnumerable<int> ids, bool orders = false)
    {
        var csv = new StringBuilder(orders ? "customer_id,date,amount,order_id\n" : "customer_id,date,amount\n");
        foreach (var i in ids)
        {
            csv.Append(CultureInfo.InvariantCulture, $"c{i},{new DateTime(2020, 1, 1).AddDays(i % 1000):yyyy-MM-dd},{Amount(i)}");
            csv.Append(orders ? $",o{i}\n" : "\n");
        }

        return csv.ToString();
    }

    private static string WithoutHeader(string csv) => csv[(csv.IndexOf('\n') + 1)..];

    private async Task<string> FreshStoreAsync()
    {
        var database = await _store.CreateEmptyDatabaseAsync();
        await DatabaseMigrator.MigrateAsync(database);
        return database;
    }

    private static Task<ImportResult> ImportAsync(string database, Stream file, ImportOptions? options = null, ImportMode mode = ImportMode.Append) =>
        new TransactionImporter(database).ImportAsync(file, new ImportRequest("upload.csv", options ?? Options(), mode, "tests"));

    private static Task<ImportResult> ImportTextAsync(string database, string text, ImportMode mode = ImportMode.Append, ImportOptions? options = null) =>
        ImportAsync(database, Utf8(text), options, mode);

    private static async Task<ImportResult> ImportFileAsync(string database, string path)
    {
        await using var file = File.OpenRead(path);
        return await new TransactionImporter(database).ImportAsync(file, new ImportRequest(path, Options(), ImportMode.Append, "tests"));
    }

    private static async Task<ImportBatch> LastBatchAsync(string database)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.ImportBatches.OrderByDescending(b => b.Id).FirstAsync();
    }

    private static async Task<StoreSnapshot> SnapshotAsync(string database)
    {
        await using var context = CltvDatabase.CreateContext(database);
        // Summed here: SQLite keeps decimals as text and would sum them as doubles.
        var amounts = await context.Transactions.Select(t => t.Amount).ToListAsync();
        return new StoreSnapshot(await context.Customers.CountAsync(), amounts.Count, amounts.Sum());
    }

    private sealed record StoreSnapshot(long Customers, long Transactions, decimal Revenue);

    /// <summary>Reports on the caller's thread, so that a test can act at a known point of the import.</summary>
    private sealed class SynchronousProgress(Action<ImportProgress> onReport) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => onReport(value);
    }
}
