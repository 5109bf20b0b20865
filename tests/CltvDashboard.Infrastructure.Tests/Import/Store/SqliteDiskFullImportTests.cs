using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CltvDashboard.Infrastructure.Tests.Import.Store;

public sealed class SqliteDiskFullImportTests(SqliteStoreDatabase store) : DiskFullImportTests<SqliteStoreDatabase>(store)
{
    // max_page_count belongs to a connection, and pooled connections keep it: the importer opens the connection this
    // one returns to the pool, whose file then cannot grow past a few pages more, as on a full disk (SQLITE_FULL).
    protected override async Task FillTheDiskAsync(string database)
    {
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(CltvDatabase.ToConnectionString(database));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_count";
        var pages = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = $"PRAGMA max_page_count = {pages + 8}";
        await command.ExecuteNonQueryAsync();
    }
}
