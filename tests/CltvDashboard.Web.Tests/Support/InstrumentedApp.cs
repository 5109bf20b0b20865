using System.Collections.Concurrent;
using System.Data.Common;
using CltvDashboard.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>Records the queries the application runs through EF Core.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _texts = new();

    /// <summary>Queries run so far.</summary>
    public int Count => _texts.Count;

    /// <summary>The text of the queries run after the first <paramref name="skip"/>.</summary>
    public IReadOnlyList<string> Since(int skip) => _texts.Skip(skip).ToList();

    /// <inheritdoc />
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        _texts.Enqueue(command.CommandText);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _texts.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }
}

/// <summary>The application checking the security stamp on every request, with its queries recorded (use as an <c>IClassFixture</c>).</summary>
public abstract class InstrumentedApp : IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>The provider under test.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The application.</summary>
    public CltvWebFactory App { get; private set; } = null!;

    /// <summary>The application's database commands.</summary>
    public CommandCounter Commands { get; } = new();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        App = new CltvWebFactory(_database, new Dictionary<string, string> { ["Cltv:SessionCheckSeconds"] = "0" }, commands: Commands);
        _ = App.Server;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>On SQLite.</summary>
public sealed class SqliteInstrumentedApp : InstrumentedApp
{
    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresInstrumentedApp : InstrumentedApp
{
    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
