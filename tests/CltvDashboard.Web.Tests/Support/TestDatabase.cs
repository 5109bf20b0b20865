using CltvDashboard.Infrastructure.Data;
using CltvDashboard.TestSupport;
using Microsoft.Data.Sqlite;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>An empty database of one provider for one application host, removed with it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseProvider provider, string database, string? folder)
    {
        Provider = provider;
        Database = database;
        Folder = folder;
    }

    /// <summary>The provider.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The database setting: a connection string or a SQLite file path.</summary>
    public string Database { get; }

    private string? Folder { get; }

    /// <summary>Creates an empty database.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            return new TestDatabase(provider, await (await PostgresServer.GetAsync()).CreateDatabaseAsync(), null);
        }

        var folder = Path.Combine(Path.GetTempPath(), "cltv-web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new TestDatabase(provider, Path.Combine(folder, "cltv.db"), folder);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            await (await PostgresServer.GetAsync()).DropDatabaseAsync(Database);
            return;
        }

        SqliteConnection.ClearAllPools();
        if (Folder is not null && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
