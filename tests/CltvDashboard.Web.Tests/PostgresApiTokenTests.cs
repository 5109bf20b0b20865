using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class PostgresApiTokenTests(PostgresApp fixture) : ApiTokenTests(fixture), IClassFixture<PostgresApp>;
