using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class SqliteDemoTests(SqliteApp fixture) : DemoTests(fixture), IClassFixture<SqliteApp>;
