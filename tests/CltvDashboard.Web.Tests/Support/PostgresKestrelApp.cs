using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>The application on PostgreSQL, listening on Kestrel.</summary>
public sealed class PostgresKestrelApp : AppFixture
{
    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <inheritdoc />
    protected override bool OnKestrel => true;
}
