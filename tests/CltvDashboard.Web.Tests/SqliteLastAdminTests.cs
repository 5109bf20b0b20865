using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests;

public sealed class SqliteLastAdminTests : LastAdminTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
