using System.Net;
using System.Text;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// The first-run journey in headless Chromium (Debian's package) against the application on real Kestrel and a
/// random port: setup, sign-in, upload with progress to the report, a settings change. Screenshots of each page
/// are saved under TestResults/screenshots in the test output.
/// </summary>
public sealed class BrowserJourneyTests : OwnStoreBrowserTest
{
    private static readonly string ScreenshotFolder = HeadlessChromium.ScreenshotFolder;

    [Fact]
    public async Task First_run_setup_sign_in_upload_with_progress_report_and_a_settings_change()
    {
        var page = await NewPageAsync();

        await page.GotoAsync(BaseUrl + "/");
        var hint = page.Locator("#setup-hint");
        await Assertions.Expect(hint).ToContainTextAsync("No account exists yet");
        await Assertions.Expect(hint).ToContainTextAsync("setup token that the server printed in its log");
        await ShotAsync(page, "00-sign-in-first-run");
        await hint.GetByRole(AriaRole.Link, new() { Name = "setup page" }).ClickAsync();
        await ShotAsync(page, "01-setup");
        await page.GetByLabel("Setup token").FillAsync(App.SetupToken!);
        await page.GetByLabel("E-mail").FillAsync("owner@example.com");
        await page.GetByLabel("Password").FillAsync(CltvWebFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create Admin" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome to CLTV Dashboard" })).ToBeVisibleAsync();
        await ShotAsync(page, "02-home-empty");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#setup-hint")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
        await page.GetByLabel("E-mail").FillAsync("owner@example.com");
        await page.GetByLabel("Password").FillAsync(CltvWebFactory.Password);
        await ShotAsync(page, "03-sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Upload a file" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Upload a file" }).ClickAsync();
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload
        {
            Name = "orders.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(SampleCsv()),
        });
        await ShotAsync(page, "04-upload");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Read as Simple")).ToBeVisibleAsync();
        await ShotAsync(page, "05-review-no-currency");
        await page.GetByLabel("Currency of rows that name none").FillAsync("EUR");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh preview" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "cust-1", Exact = true }).First).ToBeVisibleAsync();
        await ShotAsync(page, "05-review");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Recalculation finished.")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#import-bar")).ToHaveAttributeAsync("value", "100");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imported orders.csv" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("400 of 401 lines used, 400 transactions added, 1 line rejected (see the report).")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open the dashboards" })).ToHaveAttributeAsync("href", "/Overview");
        await ShotAsync(page, "06-progress-done");

        await page.GetByRole(AriaRole.Link, new() { Name = "See the import report" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rejected lines", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "date not readable" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "not-a-date", Exact = false })).ToBeVisibleAsync();
        await ShotAsync(page, "07-import-report");

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await page.GetByLabel("Profit margin").FillAsync("1.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The profit margin must be above 0 and at most 1")).ToBeVisibleAsync();
        await ShotAsync(page, "08-settings-invalid");
        await page.GetByLabel("Profit margin").FillAsync("0.4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Settings saved")).ToBeVisibleAsync();
        await ShotAsync(page, "09-settings-saved");

        await page.GetByRole(AriaRole.Button, new() { Name = "Recalculate now" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Recalculation requested")).ToBeVisibleAsync();
        await ShotAsync(page, "10-runs");

        await page.GotoAsync(BaseUrl + "/");
        await ShotAsync(page, "11-home-with-data");

        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await page.GetByLabel("E-mail").FillAsync("analyst@example.com");
        await page.GetByLabel("Initial password").FillAsync(CltvWebFactory.Password);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Analyst");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Created analyst@example.com as Analyst.")).ToBeVisibleAsync();
        await ShotAsync(page, "12-users");

        await page.GetByRole(AriaRole.Link, new() { Name = "Jobs", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Realtime Graph" })).ToBeVisibleAsync();
        await ShotAsync(page, "13-hangfire");

        ConsoleErrors.Should().BeEmpty("no page breaks the content security policy or fails a script");
        await using var context = App.CreateContext();
        context.BusinessSettings.Single().ProfitMargin.Should().Be(0.4m);
    }

    private Task<IPage> NewPageAsync() => BrowserPages.OpenAsync(Browser, BrowserPages.DesktopWidth, ConsoleErrors);

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    private static string SampleCsv()
    {
        var csv = new StringBuilder("customer_id,date,amount\n");
        for (var i = 0; i < 400; i++)
        {
            csv.Append(CultureInvariant($"cust-{i % 97},2024-{1 + (i % 12):00}-{1 + (i % 28):00},{10 + (i % 50)}.{i % 100:00}\n"));
        }

        csv.Append("cust-x,not-a-date,12.00\n");
        return csv.ToString();
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
