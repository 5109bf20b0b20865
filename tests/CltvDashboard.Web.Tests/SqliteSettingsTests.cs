using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class SqliteSettingsTests(SqliteApp fixture) : SettingsTests(fixture), IClassFixture<SqliteApp>;
