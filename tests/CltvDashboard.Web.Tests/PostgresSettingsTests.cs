using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class PostgresSettingsTests(PostgresApp fixture) : SettingsTests(fixture), IClassFixture<PostgresApp>;
