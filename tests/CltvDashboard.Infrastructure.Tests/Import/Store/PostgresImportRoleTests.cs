using System.Globalization;
using System.Text;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Import.Store;

/// <summary>
/// The first import of a PostgreSQL store skips the foreign keys' per-row triggers only where the role may; an owner
/// without that privilege drops the keys and adds them back, validated.
/// </summary>
public sealed class PostgresImportRoleTests(PostgresStoreDatabase store) : IClassFixture<PostgresStoreDatabase>
{
    [Fact]
    public async Task An_owner_that_may_not_skip_triggers_imports_into_an_empty_store_with_its_foreign_keys_validated_again()
    {
        var admin = await store.CreateEmptyDatabaseAsync();
        var role = "cltv_owner_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(admin, $"CREATE ROLE {role} LOGIN PASSWORD 'owner'; GRANT CREATE ON SCHEMA public TO {role}");
        try
        {
            var database = new NpgsqlConnectionStringBuilder(admin) { Username = role, Password = "owner" }.ConnectionString;
            await DatabaseMigrator.MigrateAsync(database);
            var csv = new StringBuilder("customer_id,date,amount\n");
            for (var i = 0; i < 12_000; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"c{i % 5_000},2020-01-{1 + (i % 28):00},{i}.25\n");
            }

            var result = await new TransactionImporter(database).ImportAsync(Utf8(csv.ToString()), new ImportRequest("upload.csv", Options()));

            result.TransactionsImported.Should().Be(12_000);
            result.Customers.Should().Be(5_000);
            await using var context = CltvDatabase.CreateContext(database);
            (await context.Transactions.CountAsync(t => t.Customer!.ExternalId == "c7")).Should().Be(3);
            var keys = await context.Database.SqlQueryRaw<string>(
                "SELECT conname AS \"Value\" FROM pg_constraint WHERE conrelid = 'transactions'::regclass AND contype = 'f' AND convalidated").ToListAsync();
            keys.Should().HaveCount(2);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
