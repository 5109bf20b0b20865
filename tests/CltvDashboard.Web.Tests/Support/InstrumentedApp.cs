using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Support;

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
