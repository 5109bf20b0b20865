using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class SqliteApiTokenTests(SqliteApp fixture) : ApiTokenTests(fixture), IClassFixture<SqliteApp>;
