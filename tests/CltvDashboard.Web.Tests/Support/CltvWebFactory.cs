using System.Net;
using System.Text.RegularExpressions;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Web.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>
/// The application on a fresh database of one provider and a temporary data folder, with
/// <see cref="FakeRecalculationScheduler"/> as the scheduler (or the real pipeline when asked); helpers create users
/// and signed-in clients.
/// </summary>
public partial class CltvWebFactory : WebApplicationFactory<Program>
{
    /// <summary>A password that satisfies the application's rules.</summary>
    public const string Password = "Correct-Horse-7";

    private readonly TestDatabase _database;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly bool _realPipeline;
    private readonly CommandCounter? _commands;
    private readonly Action<IServiceCollection>? _services;

    // The short variables win over every other source, so one left in a developer's shell (CLTV_DATABASE above
    // all) would point the tests at a real store; the test process drops them.
    static CltvWebFactory()
    {
        foreach (var alias in Configuration.EnvironmentAliases.Map.Keys)
        {
            Environment.SetEnvironmentVariable(alias, null);
        }
    }

    /// <summary>Creates the factory on a database; the factory removes the data folder, the caller the database.</summary>
    /// <param name="database">The database.</param>
    /// <param name="settings">Configuration values over the tests' defaults.</param>
    /// <param name="realPipeline">Recalculate for real through Hangfire instead of recording requests.</param>
    /// <param name="commands">Records the application's database commands, when given.</param>
    /// <param name="services">Replaces application services (a clock, say), when given.</param>
    public CltvWebFactory(
        TestDatabase database,
        IReadOnlyDictionary<string, string>? settings = null,
        bool realPipeline = false,
        CommandCounter? commands = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        _database = database;
        _settings = settings ?? new Dictionary<string, string>();
        _realPipeline = realPipeline;
        _commands = commands;
        DataFolder = Path.Combine(Path.GetTempPath(), "cltv-web-data-" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>The data folder (uploads, keys).</summary>
    public string DataFolder { get; }

    /// <summary>The database setting.</summary>
    public string Database => _database.Database;

    /// <summary>The scheduler the application uses.</summary>
    public FakeRecalculationScheduler Scheduler => (FakeRecalculationScheduler)Services.GetRequiredService<IRecalculationScheduler>();

    /// <summary>The setup token while unused.</summary>
    public string? SetupToken => Services.GetRequiredService<SetupToken>().Value;

    /// <summary>A new context on the application's database.</summary>
    public CltvDbContext CreateContext() => CltvDatabase.CreateContext(Database);

    /// <summary>Creates a user with a role.</summary>
    public async Task<string> CreateUserAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserDirectory>().CreateAsync(email, Password, role);
        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Description)));
        return email;
    }

    /// <summary>A client that does not follow redirects, coming from a client address of its own.</summary>
    /// <param name="address">The address the application sees.</param>
    public HttpClient CreateClientFrom(string address)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    /// <summary>A client that does not follow redirects.</summary>
    public HttpClient CreateAnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in as a new user of a role; it does not follow redirects.</summary>
    public async Task<HttpClient> SignedInClientAsync(string role)
    {
        var email = await CreateUserAsync(role);
        var client = CreateAnonymousClient();
        var response = await PostFormAsync(client, "/Account/SignIn", new() { ["Email"] = email, ["Password"] = Password });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "signing in redirects to the start page");
        return client;
    }

    /// <summary>Gets a page's antiforgery token and posts a form with it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, Dictionary<string, string> fields, string? postUrl = null)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, pageUrl);
        return await client.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token of a page's first form.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        var match = TokenPattern().Match(html);
        match.Success.Should().BeTrue($"{pageUrl} has a form with an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Cltv", _database.Database);
        builder.UseSetting("Cltv:DataFolder", DataFolder);
        builder.UseSetting("Cltv:SignInAttemptsPerMinute", "1000");
        builder.UseSetting("Cltv:UploadsPerMinute", "1000");
        // Every test client comes from the same (unknown) address; only the throttle's own tests count per address.
        builder.UseSetting("Cltv:SignInFreeAttemptsPerAddress", "100000");
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, TestClientAddress>());
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (!_realPipeline)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<IRecalculationScheduler, FakeRecalculationScheduler>());
        }

        if (_services is { } replace)
        {
            builder.ConfigureTestServices(replace);
        }

        if (_commands is { } commands)
        {
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureDbContext<SqliteCltvDbContext>(options => options.AddInterceptors(commands));
                services.ConfigureDbContext<PostgresCltvDbContext>(options => options.AddInterceptors(commands));
            });
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
