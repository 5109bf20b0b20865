using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Data;

/// <summary>
/// Turns what a user gives as the database (nothing, a SQLite file path, or a connection string) into a
/// configured <see cref="CltvDbContext"/> of the right provider.
/// </summary>
/// <remarks>
/// A connection string with <c>Host=</c> or <c>Server=</c> is PostgreSQL; anything else is SQLite, either a
/// connection string (<c>Data Source=…</c>) or a bare file path. Without either, the store is the SQLite file
/// <see cref="DefaultSqlitePath"/>.
/// </remarks>
public static class CltvDatabase
{
    /// <summary>Environment variable naming the folder of the default SQLite file, overriding the app data folder.</summary>
    public const string DataFolderVariable = "CLTV_DATA_DIR";

    /// <summary>The default SQLite file's name.</summary>
    public const string DefaultFileName = "cltv.db";

    private static readonly string[] PostgresKeys = ["host=", "server="];
    private static readonly string[] SqliteKeys = ["data source=", "datasource=", "filename="];

    /// <summary>
    /// The default SQLite file: <c>cltv.db</c> in <c>$CLTV_DATA_DIR</c> when set, else in the user's local app data
    /// folder under <c>CltvDashboard</c> (<c>~/.local/share/CltvDashboard/cltv.db</c> on Linux,
    /// <c>%LOCALAPPDATA%\CltvDashboard\cltv.db</c> on Windows).
    /// </summary>
    public static string DefaultSqlitePath
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable(DataFolderVariable);
            if (string.IsNullOrWhiteSpace(folder))
            {
                folder = Path.Combine(
                    Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
                    "CltvDashboard");
            }

            return Path.Combine(folder, DefaultFileName);
        }
    }

    /// <summary>Which provider a database setting names.</summary>
    /// <param name="database">A connection string or a SQLite file path; null or blank for the default SQLite file.</param>
    public static DatabaseProvider DetectProvider(string? database) =>
        !string.IsNullOrWhiteSpace(database) && ContainsKey(database, PostgresKeys)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>The connection string for a database setting: SQLite paths become <c>Data Source=…</c> strings.</summary>
    /// <param name="database">A connection string or a SQLite file path; null or blank for the default SQLite file.</param>
    public static string ToConnectionString(string? database)
    {
        if (string.IsNullOrWhiteSpace(database))
        {
            return SqliteConnectionString(DefaultSqlitePath);
        }

        if (DetectProvider(database) == DatabaseProvider.Postgres || ContainsKey(database, SqliteKeys))
        {
            return database;
        }

        return SqliteConnectionString(database);
    }

    /// <summary>Configures an options builder for a database setting.</summary>
    /// <param name="builder">The builder to configure.</param>
    /// <param name="database">A connection string or a SQLite file path; null or blank for the default SQLite file.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string? database)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = ToConnectionString(database);
        if (DetectProvider(connectionString) == DatabaseProvider.Postgres)
        {
            return builder.UseNpgsql(connectionString);
        }

        EnsureSqliteFolder(connectionString);
        return builder.UseSqlite(connectionString);
    }

    /// <summary>The context type that owns the migrations of a database setting's provider.</summary>
    /// <param name="database">A connection string or a SQLite file path; null or blank for the default SQLite file.</param>
    public static Type ContextType(string? database) =>
        DetectProvider(database) == DatabaseProvider.Postgres ? typeof(PostgresCltvDbContext) : typeof(SqliteCltvDbContext);

    /// <summary>Creates a context for a database setting; the caller disposes it.</summary>
    /// <param name="database">A connection string or a SQLite file path; null or blank for the default SQLite file.</param>
    public static CltvDbContext CreateContext(string? database)
    {
        if (DetectProvider(database) == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresCltvDbContext>();
            Configure(options, database);
            return new PostgresCltvDbContext(options.Options);
        }

        var sqliteOptions = new DbContextOptionsBuilder<SqliteCltvDbContext>();
        Configure(sqliteOptions, database);
        return new SqliteCltvDbContext(sqliteOptions.Options);
    }

    private static string SqliteConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path) }.ToString();

    // SQLite creates a missing file but not a missing folder, and the default folder does not exist on a new machine.
    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static bool ContainsKey(string connectionString, string[] keys)
    {
        foreach (var part in connectionString.Split(';'))
        {
            var trimmed = part.TrimStart();
            foreach (var key in keys)
            {
                if (trimmed.StartsWith(key, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
