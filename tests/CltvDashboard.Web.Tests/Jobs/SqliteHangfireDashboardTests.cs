using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests.Jobs;

public sealed class SqliteHangfireDashboardTests(SqliteApp fixture) : HangfireDashboardTests(fixture), IClassFixture<SqliteApp>;
