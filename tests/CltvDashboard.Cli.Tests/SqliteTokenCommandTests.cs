namespace CltvDashboard.Cli.Tests;

public sealed class SqliteTokenCommandTests : TokenCommandTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cltv-tests-").FullName;

    public override Task InitializeAsync()
    {
        Database = Path.Combine(_folder, "store.db");
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
