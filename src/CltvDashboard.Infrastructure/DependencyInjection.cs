using CltvDashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Infrastructure;

/// <summary>Registers the Infrastructure project's services.</summary>
public static class DependencyInjection
{
    /// <summary>
    /// Registers <see cref="CltvDbContext"/> (scoped) for a database setting, resolved to the provider's derived
    /// context, and <see cref="DatabaseMigrator"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="database">A connection string or a SQLite file path; null or blank for the default SQLite file.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddCltvStorage(this IServiceCollection services, string? database)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (CltvDatabase.DetectProvider(database) == DatabaseProvider.Postgres)
        {
            services.AddDbContext<CltvDbContext, PostgresCltvDbContext>(options => CltvDatabase.Configure(options, database));
        }
        else
        {
            services.AddDbContext<CltvDbContext, SqliteCltvDbContext>(options => CltvDatabase.Configure(options, database));
        }

        services.AddScoped<DatabaseMigrator>();
        return services;
    }
}
