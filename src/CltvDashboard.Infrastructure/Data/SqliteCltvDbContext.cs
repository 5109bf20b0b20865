using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Data;

/// <summary>The store on SQLite; its migrations are in Data/Migrations/Sqlite.</summary>
public sealed class SqliteCltvDbContext : CltvDbContext
{
    public SqliteCltvDbContext(DbContextOptions<SqliteCltvDbContext> options)
        : base(options)
    {
    }
}
