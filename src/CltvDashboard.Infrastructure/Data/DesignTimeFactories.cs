using Microsoft.EntityFrameworkCore.Design;

namespace CltvDashboard.Infrastructure.Data;

// dotnet ef builds the contexts through these; adding a migration or checking for pending model changes
// never connects, so the connection strings only have to name the provider.

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCltvDbContext>
{
    public PostgresCltvDbContext CreateDbContext(string[] args) =>
        (PostgresCltvDbContext)CltvDatabase.CreateContext("Host=localhost;Database=cltv;Username=postgres");
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCltvDbContext>
{
    public SqliteCltvDbContext CreateDbContext(string[] args) =>
        (SqliteCltvDbContext)CltvDatabase.CreateContext("Data Source=cltv-design-time.db");
}
