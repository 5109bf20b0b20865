using System.Net;
using System.Net.Http.Headers;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Configuration;
using CltvDashboard.Web.Imports;
using CltvDashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Tests.Imports;

/// <summary>
/// Uploads the server cannot take, over HTTP on real Kestrel (whose request size limit is what refused them): each gets
/// the upload page with a message that says why, never a blank page or an error page.
/// </summary>
public sealed class UploadRefusalTests
{
    private const int LimitMegabytes = 1;

    [Fact]
    public async Task An_upload_over_the_size_limit_gets_the_upload_page_with_its_message()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = OnKestrel(new CltvWebFactory(database, new Dictionary<string, string> { ["Cltv:MaxUploadMegabytes"] = $"{LimitMegabytes}" }), out var baseUrl);
        using var client = await SignedInAsync(app, baseUrl);

        var page = await client.GetStringAsync("/Upload");
        page.Should().Contain("The largest file accepted is 1 MB", "the limit shows before a file is chosen");
        page.Should().Contain("data-max-bytes=\"1048576\"");

        using var response = await PostFileAsync(client, await TokenAsync(client), new byte[3 << 20]);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.Should().StartWith("/Upload?tooLarge=3");
        var refused = await client.GetAsync(location);
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("The file (3 MB) is larger than the limit of 1 MB, so nothing was uploaded.");
        Directory.Exists(Path.Combine(app.DataFolder, "uploads")).Should().BeFalse("nothing of the refused file is kept");
    }

    [Fact]
    public async Task An_upload_without_a_declared_length_that_runs_past_the_limit_gets_the_same_message()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = OnKestrel(new CltvWebFactory(database, new Dictionary<string, string> { ["Cltv:MaxUploadMegabytes"] = $"{LimitMegabytes}" }), out var baseUrl);
        using var client = await SignedInAsync(app, baseUrl);

        using var response = await PostFileAsync(client, await TokenAsync(client), new byte[3 << 20], declareLength: false);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/Upload?tooLarge=0");
        using var again = await SignedInAsync(app, baseUrl);
        (await again.GetStringAsync("/Upload?tooLarge=0")).Should().Contain("The file is larger than the limit of 1 MB, so nothing was uploaded.");
    }

    [Fact]
    public async Task An_upload_onto_a_full_disk_says_the_disk_is_full_and_keeps_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CltvWebFactory(database);
        // Linux's /dev/full refuses every write with ENOSPC, as a disk with no byte free does.
        var full = app.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton(provider => new UploadStore(
            provider.GetRequiredService<IOptions<CltvWebOptions>>(), TimeProvider.System, _ => new FileStream("/dev/full", FileMode.Open, FileAccess.Write)))));
        var email = await app.CreateUserAsync(CltvRoles.Analyst);
        using var client = full.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await CltvWebFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Email"] = email, ["Password"] = CltvWebFactory.Password }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var response = await PostFileAsync(client, await TokenAsync(client), "customer_id,date,amount\nx,2024-03-01,12.50\n"u8.ToArray());

        response.StatusCode.Should().Be(HttpStatusCode.InsufficientStorage);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("the disk holding the data folder is full");
        html.Should().Contain("<h1>Upload transactions</h1>", "the upload page answers, not an error page");
        Directory.GetFiles(Path.Combine(app.DataFolder, "uploads")).Should().BeEmpty();
    }

    private static CltvWebFactory OnKestrel(CltvWebFactory app, out string baseUrl)
    {
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return app;
    }

    private static async Task<HttpClient> SignedInAsync(CltvWebFactory app, string baseUrl)
    {
        var email = await app.CreateUserAsync(CltvRoles.Analyst);
#pragma warning disable CA2000 // The client owns and disposes its handler.
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }, disposeHandler: true)
        {
            BaseAddress = new Uri(baseUrl),
        };
#pragma warning restore CA2000
        (await CltvWebFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Email"] = email, ["Password"] = CltvWebFactory.Password }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        return client;
    }

    private static Task<string> TokenAsync(HttpClient client) => CltvWebFactory.AntiforgeryTokenAsync(client, "/Upload");

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string token, byte[] content, bool declareLength = true)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "orders.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Upload")
        {
            Content = declareLength ? form : new UndeclaredLength(form),
        };
        return await client.SendAsync(request);
    }

    /// <summary>The form sent chunked, with no Content-Length, as a streaming client sends it.</summary>
    private sealed class UndeclaredLength(HttpContent inner) : HttpContent
    {
        public UndeclaredLength(MultipartFormDataContent form)
            : this((HttpContent)form)
        {
            Headers.ContentType = form.Headers.ContentType;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
