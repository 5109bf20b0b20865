using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Data;

/// <summary>Creates contexts for one database setting, for work that outlives a request scope (imports, the command line).</summary>
/// <param name="database">A connection string or a SQLite file path; null or blank for the default SQLite file.</param>
public sealed class CltvContextFactory(string? database) : IDbContextFactory<CltvDbContext>
{
    /// <summary>The database setting the contexts use, as given.</summary>
    public string? Database { get; } = database;

    /// <inheritdoc />
    public CltvDbContext CreateDbContext() => CltvDatabase.CreateContext(Database);
}
