using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests;

public sealed class PostgresLastAdminTests : LastAdminTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
