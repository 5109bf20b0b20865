using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class SqliteSetupTests(SqliteApp fixture) : SetupTests(fixture), IClassFixture<SqliteApp>;
