using CltvDashboard.Infrastructure.Data;
using CltvDashboard.TestSupport;
using Microsoft.Data.Sqlite;

namespace CltvDashboard.Infrastructure.Tests.Support;

/// <summary>
/// A fresh, migrated database for one test class (use as an <c>IClassFixture</c>), with helpers so that each
/// test reads as a story. Further empty databases made with <see cref="CreateEmptyDatabaseAsync"/> are dropped
/// with it.
/// </summary>
public abstract class StoreDatabase : IAsyncLifetime
{
    private readonly List<string> _databases = [];

    /// <summary>The provider under test.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The migrated database: a connection string or a SQLite file path.</summary>
    public string Database { get; private set; } = "";

    /// <summary>A new context on <see cref="Database"/>; the caller disposes it.</summary>
    public CltvDbContext CreateContext() => CltvDatabase.CreateContext(Database);

    /// <summary>Saves entities in one context and returns them with their keys set.</summary>
    public async Task InsertAsync(params object[] entities)
    {
        await using var context = CreateContext();
        context.AddRange(entities);
        await context.SaveChangesAsync();
    }

    /// <summary>An empty database of the provider, never migrated.</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var database = await CreateDatabaseAsync();
        _databases.Add(database);
        return database;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Database = await CreateEmptyDatabaseAsync();
        await DatabaseMigrator.MigrateAsync(Database);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await DropDatabaseAsync(database);
        }
    }

    /// <summary>Makes an empty database.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Removes a database made by <see cref="CreateDatabaseAsync"/>.</summary>
    protected abstract Task DropDatabaseAsync(string database);
}

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

/// <summary>Databases on <see cref="PostgresServer"/>, each created with a unique name and dropped after.</summary>
public sealed class PostgresStoreDatabase : StoreDatabase
{
    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <inheritdoc />
    protected override async Task<string> CreateDatabaseAsync() =>
        await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

    /// <inheritdoc />
    protected override async Task DropDatabaseAsync(string database) =>
        await (await PostgresServer.GetAsync()).DropDatabaseAsync(database);
}
