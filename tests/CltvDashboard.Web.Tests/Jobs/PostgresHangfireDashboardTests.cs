using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests.Jobs;

public sealed class PostgresHangfireDashboardTests(PostgresApp fixture) : HangfireDashboardTests(fixture), IClassFixture<PostgresApp>;
