using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class SqliteSignInTests(SqliteApp fixture) : SignInTests(fixture), IClassFixture<SqliteApp>;
