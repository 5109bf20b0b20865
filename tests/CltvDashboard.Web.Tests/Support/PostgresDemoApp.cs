using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>The CDNOW demo application on PostgreSQL.</summary>
public sealed class PostgresDemoApp : DemoApp
{
    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
