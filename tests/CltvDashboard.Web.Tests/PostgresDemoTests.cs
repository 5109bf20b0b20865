using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class PostgresDemoTests(PostgresApp fixture) : DemoTests(fixture), IClassFixture<PostgresApp>;
