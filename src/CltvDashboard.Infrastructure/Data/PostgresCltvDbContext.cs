using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Data;

/// <summary>The store on PostgreSQL (Npgsql); its migrations are in Data/Migrations/Postgres.</summary>
public sealed class PostgresCltvDbContext : CltvDbContext
{
    public PostgresCltvDbContext(DbContextOptions<PostgresCltvDbContext> options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Content hashes and external ids are matched byte for byte, never shown in a language's order. The "C"
        // collation lets PostgreSQL sort and index them by comparing bytes (with abbreviated keys) instead of
        // through the locale's rules, which made an import of millions of rows spend most of its time comparing.
        builder.Entity<Transaction>().Property(t => t.ContentHash).UseCollation("C");
        builder.Entity<Customer>().Property(c => c.ExternalId).UseCollation("C");
    }
}
