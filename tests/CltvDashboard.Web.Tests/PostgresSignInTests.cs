using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class PostgresSignInTests(PostgresApp fixture) : SignInTests(fixture), IClassFixture<PostgresApp>;
