using CltvDashboard.TestSupport;

namespace CltvDashboard.Cli.Tests;

public sealed class PostgresTokenCommandTests : TokenCommandTests
{
    public override async Task InitializeAsync() => Database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

    public override async Task DisposeAsync() => await (await PostgresServer.GetAsync()).DropDatabaseAsync(Database);
}
