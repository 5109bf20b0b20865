using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class SqliteStartPageTests(SqliteInstrumentedApp fixture) : StartPageTests(fixture), IClassFixture<SqliteInstrumentedApp>;
