namespace CltvDashboard.Infrastructure.Data;

/// <summary>The database engines the store runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: the default, for one analyst on one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for production and several app instances.</summary>
    Postgres,
}
