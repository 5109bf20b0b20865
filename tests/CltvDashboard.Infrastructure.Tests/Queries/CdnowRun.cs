using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Tests.Calculation;
using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Queries;

/// <summary>
/// A store with the CDNOW master imported and one run computed by the pipeline, shared by a test class (use as an
/// <c>IClassFixture</c>): importing and computing take seconds.
/// </summary>
public abstract class CdnowRun : IAsyncLifetime
{
    private readonly StoreDatabase _store;

    protected CdnowRun(StoreDatabase store) => _store = store;

    /// <summary>The store.</summary>
    public string Database { get; private set; } = "";

    /// <summary>The finished, current run.</summary>
    public long RunId { get; private set; }

    /// <summary>A new context on the store; the caller disposes it.</summary>
    public CltvDbContext CreateContext() => CltvDatabase.CreateContext(Database);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Database = await RunStore.WithCdnowMasterAsync(_store);
        RunId = (await RunStore.RecalculateAsync(Database)).RunId;
    }

    /// <inheritdoc />
    public Task DisposeAsync() => _store.DisposeAsync();
}

/// <summary>On the SQLite default.</summary>
public sealed class SqliteCdnowRun() : CdnowRun(new SqliteStoreDatabase());

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresCdnowRun() : CdnowRun(new PostgresStoreDatabase());
