using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CltvDashboard.Infrastructure.Data;

/// <summary>
/// Recognises the failures of the store that the person in front of the screen can act on (a full disk, a database
/// server that cannot be reached) in whatever a provider, EF Core or the runtime wrapped them in.
/// </summary>
public static class StoreFailures
{
    // SQLITE_FULL; extended codes keep the primary code in their low byte.
    private const int SqliteFull = 13;

    // SQLITE_CANTOPEN: the file or its folder is gone or unreadable.
    private const int SqliteCantOpen = 14;

    // ENOSPC as .NET reports it on Unix (the errno), and ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.
    private static readonly int[] DiskFullIoResults = [28, unchecked((int)0x80070070), unchecked((int)0x80070027)];

    /// <summary>The disk under the database (or under a file being saved) is full: the exception or one it wraps.</summary>
    /// <param name="exception">The failure as caught.</param>
    public static bool IsDiskFull(Exception exception) => Chain(exception).Any(e => e switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) == SqliteFull,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.DiskFull,
        IOException io => DiskFullIoResults.Contains(io.HResult),
        _ => false,
    });

    /// <summary>
    /// The database cannot be reached: the server refuses or drops connections, is shutting down or starting, or the
    /// SQLite file cannot be opened. Errors of a statement (a constraint, a syntax error) are not this.
    /// </summary>
    /// <param name="exception">The failure as caught.</param>
    public static bool IsUnreachable(Exception exception) => Chain(exception).Any(e => e switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections,
        NpgsqlException npgsql => npgsql.InnerException is SocketException or IOException or TimeoutException,
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) == SqliteCantOpen,
        _ => false,
    });

    /// <summary>What the database itself said about a failure: the innermost provider message, else the exception's own.</summary>
    /// <param name="exception">The failure as caught.</param>
    public static string DatabaseMessage(Exception exception)
    {
        var provider = Chain(exception).LastOrDefault(e => e is SqliteException or NpgsqlException or IOException);
        return (provider as PostgresException)?.MessageText ?? (provider ?? exception).Message;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
