using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class SqliteImportTests(SqliteApp fixture) : ImportTests(fixture), IClassFixture<SqliteApp>;
