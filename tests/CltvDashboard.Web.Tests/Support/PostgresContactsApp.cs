using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Support;

/// <summary><see cref="ContactsApp"/> on PostgreSQL.</summary>
public sealed class PostgresContactsApp : ContactsApp
{
    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
