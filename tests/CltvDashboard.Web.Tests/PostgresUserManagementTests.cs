using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class PostgresUserManagementTests(PostgresInstrumentedApp fixture) : UserManagementTests(fixture), IClassFixture<PostgresInstrumentedApp>;
