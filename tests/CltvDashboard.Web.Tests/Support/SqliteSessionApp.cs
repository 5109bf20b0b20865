using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Support;

/// <summary><see cref="SessionApp"/> on SQLite.</summary>
public sealed class SqliteSessionApp : SessionApp
{
    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
