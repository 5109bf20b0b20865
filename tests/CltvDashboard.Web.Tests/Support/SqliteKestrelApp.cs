using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>The application on SQLite, listening on Kestrel.</summary>
public sealed class SqliteKestrelApp : AppFixture
{
    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <inheritdoc />
    protected override bool OnKestrel => true;
}
