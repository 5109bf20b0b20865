using System.Globalization;
using System.Text;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Import.Store;

/// <summary>
/// An import into a store whose disk fills up part-way: the store stays as it was, and the batch and the exception
/// say that the disk is full instead of what a broken transaction said afterwards.
/// </summary>
public abstract class DiskFullImportTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    private const int Rows = 20_000;
    private readonly TDatabase _store;

    protected DiskFullImportTests(TDatabase store) => _store = store;

    [Fact]
    public async Task An_import_into_a_full_disk_says_the_disk_is_full_and_stores_nothing()
    {
        var database = await _store.CreateEmptyDatabaseAsync();
        await DatabaseMigrator.MigrateAsync(database);
        await FillTheDiskAsync(database);

        var import = () => new TransactionImporter(database).ImportAsync(Utf8(Sales(Rows)), new ImportRequest("big.csv", Options(), ImportMode.Append, "tests"));

        var failure = (await import.Should().ThrowAsync<StoreFullException>()).Which;
        failure.Message.Should().Contain("disk holding the database is full");
        await using var context = CltvDatabase.CreateContext(database);
        (await context.Transactions.CountAsync()).Should().Be(0, "the import's transaction is rolled back");
        (await context.Customers.CountAsync()).Should().Be(0);
        var batch = await context.ImportBatches.AsNoTracking().SingleAsync();
        batch.Status.Should().Be(ImportStatus.Failed);
        batch.FailureMessage.Should().Contain("disk holding the database is full").And.NotContain("SqliteTransaction");
    }

    /// <summary>Makes the store refuse to grow from now on, as a full disk does.</summary>
    protected abstract Task FillTheDiskAsync(string database);

    private static string Sales(int rows)
    {
        var csv = new StringBuilder("customer_id,date,amount\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"customer-{i % 5_000},{new DateTime(2020, 1, 1).AddDays(i % 700):yyyy-MM-dd},{10 + (i % 90)}.{i % 100:00}\n");
        }

        return csv.ToString();
    }
}
