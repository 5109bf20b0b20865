using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class PostgresStartPageTests(PostgresInstrumentedApp fixture) : StartPageTests(fixture), IClassFixture<PostgresInstrumentedApp>;
