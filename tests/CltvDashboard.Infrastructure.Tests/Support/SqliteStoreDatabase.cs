using CltvDashboard.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace CltvDashboard.Infrastructure.Tests.Support;

/// <summary>Databases as SQLite files in a temporary folder, given to the store as bare paths.</summary>
public sealed class SqliteStoreDatabase : StoreDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cltv-sqlite-" + Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <inheritdoc />
    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult(Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db"));

    /// <inheritdoc />
    protected override Task DropDatabaseAsync(string database)
    {
        // Pooled connections keep the files open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
