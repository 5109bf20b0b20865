using System.Net;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>A test class that drives headless Chromium: one browser per test, and the console errors its pages logged.</summary>
#pragma warning disable CA1001 // xunit disposes the browser through IAsyncLifetime.
public abstract class BrowserTest : IAsyncLifetime
#pragma warning restore CA1001
{
    private IPlaywright _playwright = null!;

    /// <summary>The browser, started before each test.</summary>
    protected IBrowser Browser { get; private set; } = null!;

    /// <summary>Console and script errors of every page opened through <see cref="BrowserPages"/>; a test ends by finding none.</summary>
    protected List<string> ConsoleErrors { get; } = [];

    public virtual async Task InitializeAsync()
    {
        // Assertions retry until true; a longer limit only slows a failing test, and the cores are shared with the server.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    public virtual async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>
/// A browser test with a store of its own: an empty SQLite database and the app on Kestrel at a free port, made before
/// each test and removed after it.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the host and the database through IAsyncLifetime.
public abstract class OwnStoreBrowserTest : BrowserTest
#pragma warning restore CA1001
{
    private readonly IReadOnlyDictionary<string, string>? _settings;

    /// <param name="settings">Configuration the app starts with, beside the tests' defaults.</param>
    protected OwnStoreBrowserTest(IReadOnlyDictionary<string, string>? settings = null) => _settings = settings;

    protected TestDatabase Database { get; private set; } = null!;

    protected CltvWebFactory App { get; private set; } = null!;

    /// <summary>The app's address, e.g. http://127.0.0.1:40123.</summary>
    protected string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        App = new CltvWebFactory(Database, _settings);
        App.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
