using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>
/// The application on real Kestrel (so a browser can reach it) and SQLite with the CDNOW demo loaded and one real
/// recalculation finished: built once per test class, since loading and computing take seconds.
/// </summary>
public class DemoApp : IAsyncLifetime
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(3);
    private TestDatabase? _database;

    /// <summary>The provider under test.</summary>
    public virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>The application.</summary>
    public CltvWebFactory App { get; private set; } = null!;

    /// <summary>Configuration the application starts with, beyond the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    /// <summary>The Kestrel address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The application's database commands.</summary>
    public CommandCounter Commands { get; } = new();

    /// <summary>The finished, current run.</summary>
    public long RunId { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        App = new CltvWebFactory(_database, Settings, realPipeline: true, commands: Commands);
        App.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var client = await SignedInClientAsync(CltvRoles.Analyst);
        var response = await CltvWebFactory.PostFormAsync(client, "/", [], "/?handler=LoadDemo");
        var uploadId = response.Headers.Location!.OriginalString.Split('/').Last();
        var status = await ImportPolling.WaitForImportAsync(client, uploadId);
        RunId = status.GetProperty("runId").GetInt64();
        var until = DateTime.UtcNow + RunDeadline;
        JsonElement run;
        do
        {
            await Task.Delay(200);
            run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{RunId}/status");
        }
        while (run.GetProperty("status").GetString() is "Queued" or "Running" && DateTime.UtcNow < until);

        run.GetProperty("status").GetString().Should().Be("Succeeded", run.ToString());
    }

    /// <summary>A client of the Kestrel address signed in as a new user of a role; it does not follow redirects.</summary>
    public async Task<HttpClient> SignedInClientAsync(string role)
    {
        var email = await App.CreateUserAsync(role);
        var client = AnonymousClient();
        var response = await CltvWebFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Email"] = email, ["Password"] = CltvWebFactory.Password });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "signing in redirects to the start page");
        return client;
    }

    /// <summary>A client of the Kestrel address with its own cookies; it does not follow redirects.</summary>
#pragma warning disable CA2000 // The client owns and disposes its handler.
    public HttpClient AnonymousClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }, disposeHandler: true) { BaseAddress = new Uri(BaseUrl) };
#pragma warning restore CA2000

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
