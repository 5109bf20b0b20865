using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class PostgresImportTests(PostgresApp fixture) : ImportTests(fixture), IClassFixture<PostgresApp>;
