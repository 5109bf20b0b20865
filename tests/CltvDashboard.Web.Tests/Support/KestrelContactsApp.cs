using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Support;

/// <summary><see cref="ContactsApp"/> on SQLite and real Kestrel, for a browser.</summary>
public sealed class KestrelContactsApp : ContactsApp
{
    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <inheritdoc />
    protected override bool OnKestrel => true;
}
