using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class PostgresAuthorizationTests(PostgresApp fixture) : AuthorizationTests(fixture), IClassFixture<PostgresApp>;
