using CltvDashboard.Infrastructure.Data;

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
