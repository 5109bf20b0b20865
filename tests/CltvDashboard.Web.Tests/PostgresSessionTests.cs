using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class PostgresSessionTests(PostgresSessionApp fixture) : SessionTests(fixture), IClassFixture<PostgresSessionApp>;
