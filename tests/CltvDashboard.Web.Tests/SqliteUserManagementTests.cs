using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class SqliteUserManagementTests(SqliteInstrumentedApp fixture) : UserManagementTests(fixture), IClassFixture<SqliteInstrumentedApp>;
