using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class SqliteSessionTests(SqliteSessionApp fixture) : SessionTests(fixture), IClassFixture<SqliteSessionApp>;
