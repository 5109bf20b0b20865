using CltvDashboard.Infrastructure.Data;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;

namespace CltvDashboard.Infrastructure.Jobs;

/// <summary>How Hangfire keeps its jobs for a store.</summary>
public sealed class CltvJobStorageOptions
{
    /// <summary>The PostgreSQL schema of Hangfire's tables, beside the store's own.</summary>
    public string SchemaName { get; set; } = "hangfire";

    /// <summary>
    /// How long a job fetched by a worker that stopped heart-beating stays invisible before another worker takes
    /// it over (PostgreSQL). A live worker renews its jobs every fifth of this (the sliding invisibility timeout, a
    /// heartbeat), so it bounds only how long a dead worker's run waits: with <see cref="QueuePollInterval"/>, under
    /// a minute. Five minutes, the earlier value, left a killed worker's run at its last stage for that long.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How often idle workers look for new jobs (PostgreSQL).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Hangfire storage for a database setting: <c>Hangfire.PostgreSql</c> in the same PostgreSQL database (shared by
/// every instance), <c>Hangfire.InMemory</c> on the SQLite default (one process on one machine).
/// </summary>
public static class CltvJobStorage
{
    /// <summary>Configures Hangfire's global configuration with the storage for a database setting.</summary>
    /// <param name="configuration">Hangfire's configuration, as given by <c>AddHangfire(config => …)</c>.</param>
    /// <param name="database">A connection string or a SQLite file path; null or blank for the default SQLite file.</param>
    /// <param name="options">Storage options; defaults when null.</param>
    /// <returns><paramref name="configuration"/>.</returns>
    public static IGlobalConfiguration Configure(IGlobalConfiguration configuration, string? database, CltvJobStorageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.UseStorage(Create(database, options));
    }

    /// <summary>Creates the storage for a database setting, for hosts that build a server without the global configuration.</summary>
    /// <param name="database">A connection string or a SQLite file path; null or blank for the default SQLite file.</param>
    /// <param name="options">Storage options; defaults when null.</param>
    public static JobStorage Create(string? database, CltvJobStorageOptions? options = null)
    {
        options ??= new CltvJobStorageOptions();
        if (CltvDatabase.DetectProvider(database) != DatabaseProvider.Postgres)
        {
            return new InMemoryStorage();
        }

        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.SchemaName,
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            QueuePollInterval = options.QueuePollInterval,
        };
        var connectionString = CltvDatabase.ToConnectionString(database);
        return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
    }
}
