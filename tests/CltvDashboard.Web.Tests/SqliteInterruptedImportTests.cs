using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests;

public sealed class SqliteInterruptedImportTests : InterruptedImportTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
