using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Infrastructure;

/// <summary>Registers the Infrastructure project's services.</summary>
public static class DependencyInjection
{
    /// <summary>
    /// Registers <see cref="CltvDbContext"/> (scoped) for a database setting, resolved to the provider's derived
    /// context, <see cref="DatabaseMigrator"/>, a context factory for work outside request scopes and the
    /// <see cref="Import.DatasetImport"/> and <see cref="Import.OrderBatchImport"/> use cases.
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
        services.AddSingleton(new CltvContextFactory(database));
        services.AddSingleton<IDbContextFactory<CltvDbContext>>(provider => provider.GetRequiredService<CltvContextFactory>());
        services.AddSingleton(provider => new DatasetImport(provider.GetRequiredService<CltvContextFactory>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(provider => new DemoRemoval(provider.GetRequiredService<CltvContextFactory>()));
        services.AddSingleton(provider => new OrderBatchImport(
            provider.GetRequiredService<CltvContextFactory>(), provider.GetRequiredService<DatasetImport>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(provider => new Privacy.CustomerEraser(
            provider.GetRequiredService<CltvContextFactory>(), provider.GetService<Queries.RunResultCache>(), provider.GetService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Registers <see cref="UserSessions"/>, <see cref="UserAccounts"/> and <see cref="ApiTokenService"/> (scoped); the host registers Identity's
    /// <c>UserManager</c> on the store with <see cref="CltvIdentityRules.Apply"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddCltvUsers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped<UserSessions>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<ApiTokenService>();
        return services;
    }
}
