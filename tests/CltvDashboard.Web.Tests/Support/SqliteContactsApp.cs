using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Support;

/// <summary><see cref="ContactsApp"/> on SQLite.</summary>
public sealed class SqliteContactsApp : ContactsApp
{
    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
