using System.Net;
using CltvDashboard.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>One running application on a fresh database for a test class (use as an <c>IClassFixture</c>).</summary>
public abstract class AppFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>The provider under test.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>Configuration values over the tests' defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    /// <summary>Application services replaced or added for the tests, when given.</summary>
    protected virtual Action<IServiceCollection>? TestServices => null;

    /// <summary>The application.</summary>
    public CltvWebFactory App { get; private set; } = null!;

    /// <summary>The Kestrel address, e.g. <c>http://127.0.0.1:41234</c>, when <see cref="OnKestrel"/>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// Whether the application listens on real Kestrel at <see cref="BaseUrl"/> rather than in memory: for a browser,
    /// or for addresses as the server itself decodes them.
    /// </summary>
    protected virtual bool OnKestrel => false;

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        App = new CltvWebFactory(_database, Settings, services: TestServices);
        if (OnKestrel)
        {
            App.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            App.StartServer();
            BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return;
        }

        // Starts the host: migrations, roles and the import worker.
        _ = App.Server;
    }

    /// <summary>A client of the Kestrel address signed in as a new user of a role; it does not follow redirects.</summary>
    public async Task<HttpClient> SignedInKestrelClientAsync(string role)
    {
        var email = await App.CreateUserAsync(role);
#pragma warning disable CA2000 // The client owns and disposes its handler.
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }, disposeHandler: true) { BaseAddress = new Uri(BaseUrl) };
#pragma warning restore CA2000
        var response = await CltvWebFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Email"] = email, ["Password"] = CltvWebFactory.Password });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "signing in redirects to the start page");
        return client;
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
