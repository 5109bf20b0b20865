using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>One running application on a fresh database for a test class (use as an <c>IClassFixture</c>).</summary>
public abstract class AppFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>The provider under test.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The application.</summary>
    public CltvWebFactory App { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        App = new CltvWebFactory(_database);
        // Starts the host: migrations, roles and the import worker.
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
