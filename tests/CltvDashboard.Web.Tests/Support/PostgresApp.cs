using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>The application on PostgreSQL.</summary>
public sealed class PostgresApp : AppFixture
{
    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
