using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Data;

/// <summary>The store on PostgreSQL (Npgsql); its migrations are in Data/Migrations/Postgres.</summary>
public sealed class PostgresCltvDbContext : CltvDbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">Options configured with <c>UseNpgsql</c>.</param>
    public PostgresCltvDbContext(DbContextOptions<PostgresCltvDbContext> options)
        : base(options)
    {
    }
}
