using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class SqliteAuthorizationTests(SqliteApp fixture) : AuthorizationTests(fixture), IClassFixture<SqliteApp>;
