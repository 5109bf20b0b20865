using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Support;

/// <summary><see cref="SessionApp"/> on PostgreSQL.</summary>
public sealed class PostgresSessionApp : SessionApp
{
    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
