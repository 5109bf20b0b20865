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
public sealed class UploadLimitBrowserTests() : OwnStoreBrowserTest(new Dictionary<string, string> { ["Cltv:MaxUploadMegabytes"] = "1" })
{
    private const string Refused = "is larger than the limit of 1 MB";
    private static readonly byte[] ThreeMegabytes = new byte[3 << 20];

    [Fact]
    public async Task A_file_over_the_limit_is_refused_before_sending_with_the_limit_shown_beforehand()
    {
        var page = await SignedInPageAsync();
        var posts = 0;
        page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;

        await page.GotoAsync(BaseUrl + "/Upload");
        await Assertions.Expect(page.GetByText("The largest file accepted is 1 MB.")).ToBeVisibleAsync();
        await page.GetByLabel("File").SetInputFilesAsync(Csv(ThreeMegabytes));
        await Assertions.Expect(page.GetByText("The file (3 MB) " + Refused)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The file (3 MB) " + Refused)).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HeadlessChromium.ScreenshotFolder, "upload-over-limit.png"), FullPage = true });

        posts.Should().Be(0, "nothing is sent");
        ConsoleErrors.Should().BeEmpty();
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

        await page.GotoAsync(BaseUrl + "/Upload");
        await page.GetByLabel("File").SetInputFilesAsync(Csv(ThreeMegabytes));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();

        await Assertions.Expect(page.GetByText("The file (3 MB) " + Refused + ", so nothing was uploaded.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload transactions" })).ToBeVisibleAsync();
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_over_the_limit_sent_without_scripts_gets_the_upload_page_with_its_message()
    {
        var page = await SignedInPageAsync(javaScript: false);

        await page.GotoAsync(BaseUrl + "/Upload");
        await page.GetByLabel("File").SetInputFilesAsync(Csv(ThreeMegabytes));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();

        await Assertions.Expect(page.GetByText("The file (3 MB) " + Refused + ", so nothing was uploaded.")).ToBeVisibleAsync();
        page.Url.Should().Contain("/Upload?tooLarge=3");
    }

    private static FilePayload Csv(byte[] content) => new() { Name = "orders.csv", MimeType = "text/csv", Buffer = content };

    private async Task<IPage> SignedInPageAsync(bool javaScript = true) =>
        await BrowserPages.SignInAsync(
            Browser, BaseUrl, await App.CreateUserAsync(CltvRoles.Analyst), BrowserPages.DesktopWidth, ConsoleErrors, o => o.JavaScriptEnabled = javaScript);
}
