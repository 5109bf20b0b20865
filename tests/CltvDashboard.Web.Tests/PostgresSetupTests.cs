using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class PostgresSetupTests(PostgresApp fixture) : SetupTests(fixture), IClassFixture<PostgresApp>;
