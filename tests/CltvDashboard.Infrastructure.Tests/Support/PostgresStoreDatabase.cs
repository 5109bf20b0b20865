using CltvDashboard.Infrastructure.Data;
using CltvDashboard.TestSupport;

namespace CltvDashboard.Infrastructure.Tests.Support;

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
