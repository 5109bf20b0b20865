using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests;

public sealed class PostgresInterruptedImportTests : InterruptedImportTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
