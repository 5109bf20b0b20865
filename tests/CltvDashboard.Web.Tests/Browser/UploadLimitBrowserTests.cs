using System.Net;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// A file over the upload limit in headless Chromium against the application on Kestrel with a 1 MB limit: the limit
/// shows before a file is chosen, the page refuses the file before sending it, and when the file is sent anyway (no
/// script, or a script without the check) the upload page comes back with its message instead of a blank page.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the host, the browser and the database through IAsyncLifetime.
public sealed class UploadLimitBrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string Refused = "is larger than the limit of 1 MB";
    private static readonly byte[] ThreeMegabytes = new byte[3 << 20];

    private readonly List<string> _consoleErrors = [];
    private TestDatabase _database = null!;
    private CltvWebFactory _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = new CltvWebFactory(_database, new Dictionary<string, string> { ["Cltv:MaxUploadMegabytes"] = "1" });
        _app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        _baseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_before_sending_with_the_limit_shown_beforehand()
    {
        var page = await SignedInPageAsync();
        var posts = 0;
        page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;

        await page.GotoAsync(_baseUrl + "/Upload");
        await Assertions.Expect(page.GetByText("The largest file accepted is 1 MB.")).ToBeVisibleAsync();
        await page.GetByLabel("File").SetInputFilesAsync(Csv(ThreeMegabytes));
        await Assertions.Expect(page.GetByText("The file (3 MB) " + Refused)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The file (3 MB) " + Refused)).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HeadlessChromium.ScreenshotFolder, "upload-over-limit.png"), FullPage = true });

        posts.Should().Be(0, "nothing is sent");
        _consoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_over_the_limit_sent_with_the_progress_script_gets_the_upload_page_with_its_message()
    {
        var page = await SignedInPageAsync();
        // The script as a browser that cached it before the check existed has it: it sends whatever is chosen.
        await page.RouteAsync("**/js/upload-progress*.js", async route =>
        {
            var original = await route.FetchAsync();
            var script = await original.TextAsync();
            script.Should().Contain("Number(input && input.dataset.maxBytes)");
            await route.FulfillAsync(new() { Response = original, Body = script.Replace("Number(input && input.dataset.maxBytes)", "0", StringComparison.Ordinal) });
        });

        await page.GotoAsync(_baseUrl + "/Upload");
        await page.GetByLabel("File").SetInputFilesAsync(Csv(ThreeMegabytes));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();

        await Assertions.Expect(page.GetByText("The file (3 MB) " + Refused + ", so nothing was uploaded.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload transactions" })).ToBeVisibleAsync();
        _consoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_over_the_limit_sent_without_scripts_gets_the_upload_page_with_its_message()
    {
        var page = await SignedInPageAsync(javaScript: false);

        await page.GotoAsync(_baseUrl + "/Upload");
        await page.GetByLabel("File").SetInputFilesAsync(Csv(ThreeMegabytes));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();

        await Assertions.Expect(page.GetByText("The file (3 MB) " + Refused + ", so nothing was uploaded.")).ToBeVisibleAsync();
        page.Url.Should().Contain("/Upload?tooLarge=3");
    }

    private static FilePayload Csv(byte[] content) => new() { Name = "orders.csv", MimeType = "text/csv", Buffer = content };

    private async Task<IPage> SignedInPageAsync(bool javaScript = true)
    {
        var email = await _app.CreateUserAsync(CltvRoles.Analyst);
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add($"{page.Url}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _consoleErrors.Add($"{page.Url}: {error}");
        await page.GotoAsync(_baseUrl + "/Account/SignIn");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(CltvWebFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return page;
    }
}
