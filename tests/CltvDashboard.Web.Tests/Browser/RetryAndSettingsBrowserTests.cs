using System.Net;
using System.Text;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Web.Imports;
using CltvDashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// In headless Chromium on Kestrel: a review that refuses a date order the file contradicts, a failed import retried
/// from the kept file, the settings' time-zone list and nightly time with the cron under "Advanced", the API token's
/// Copy button; at 1280 and 390 px, axe-core clean. Screenshots <c>retry-*.png</c> and <c>settings-*.png</c>.
/// </summary>
public sealed class RetryAndSettingsBrowserTests : OwnStoreBrowserTest
{
    [Fact]
    public async Task A_failed_import_retried_from_the_kept_file()
    {
        var email = await App.CreateUserAsync(CltvRoles.Analyst);
        var page = await SignedInAsync(email, BrowserPages.DesktopWidth);
        var violations = new List<string>();

        await page.GotoAsync(BaseUrl + "/Upload");
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = "retry.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(RetryCsv()) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Read as Simple")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#Input_DateOrder")).ToHaveValueAsync("1", new() { Timeout = 5_000 });

        await page.Locator("#Input_DateOrder").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        var findings = page.Locator("#review-findings");
        await Assertions.Expect(findings).ToContainTextAsync("Column 'date', line 3: dates are set to be read month-first, but '25/02/2024' can only be day-first");
        await BrowserPages.ShotAsync(page, "retry-01-review-check");
        violations.AddRange(await AxeCheck.ViolationsAsync(page));

        // The review refuses a file with no currency anywhere; one queued that way (as before the store changed under
        // it) fails in the queue, which is what a retry is for.
        var uploadId = Guid.Parse(new Uri(page.Url).Segments.Last());
        var uploads = App.Services.GetRequiredService<UploadStore>();
        var pending = (await uploads.FindAsync(uploadId, CancellationToken.None))! with { Queued = true, DateOrder = DateOrder.DayFirst, Currency = null };
        await uploads.WriteAsync(pending, CancellationToken.None);
        App.Services.GetRequiredService<ImportBacklog>().Enqueue(pending);
        await page.GotoAsync(BaseUrl + $"/Imports/Progress/{uploadId}");
        await Assertions.Expect(page.Locator("#import-text")).ToContainTextAsync("Import failed", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Could not import retry.csv" })).ToBeVisibleAsync();
        var retry = page.GetByRole(AriaRole.Link, new() { Name = "Change the settings and try again" });
        await Assertions.Expect(retry).ToBeVisibleAsync();
        await BrowserPages.ShotAsync(page, "retry-02-failed");
        violations.AddRange(await AxeCheck.ViolationsAsync(page));
        var reviewUrl = BaseUrl + await retry.GetAttributeAsync("href");

        long failedBatch;
        await using (var context = App.CreateContext())
        {
            failedBatch = (await context.ImportBatches.AsNoTracking().SingleAsync(b => b.FileName == "retry.csv")).Id;
        }

        var phone = await SignedInAsync(email, BrowserPages.PhoneWidth);
        await phone.GotoAsync(BaseUrl + $"/Imports/Details/{failedBatch}");
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Change the settings and try again" })).ToBeVisibleAsync();
        await BrowserPages.ShotAsync(phone, "retry-03-report-phone");
        violations.AddRange(await AxeCheck.ViolationsAsync(phone));
        await phone.GotoAsync(reviewUrl);
        await Assertions.Expect(phone.Locator("#import-failed")).ToContainTextAsync("The import of this file failed");
        await BrowserPages.ShotAsync(phone, "retry-04-review-phone");
        violations.AddRange(await AxeCheck.ViolationsAsync(phone));
        (await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1")).Should().BeTrue("the review fits a phone's width");

        await retry.ClickAsync();
        await Assertions.Expect(page.Locator("#import-failed")).ToContainTextAsync("currency");
        await Assertions.Expect(page.Locator("#Input_DateOrder")).ToHaveValueAsync("1");
        await page.GetByLabel("Currency of rows that name none").FillAsync("EUR");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imported retry.csv" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open the dashboards" })).ToBeVisibleAsync();
        await BrowserPages.ShotAsync(page, "retry-05-done");

        await page.GotoAsync(BaseUrl + $"/Imports/Details/{failedBatch}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"import #{failedBatch + 1}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Change the settings and try again" })).ToHaveCountAsync(0);

        violations.Should().BeEmpty();
        ConsoleErrors.Should().BeEmpty();
        await using var after = App.CreateContext();
        (await after.Transactions.CountAsync()).Should().Be(3);
    }

    [Fact]
    public async Task Settings_offer_a_time_zone_list_a_nightly_time_and_the_cron_for_experts_and_the_api_token_a_copy_button()
    {
        var email = await App.CreateUserAsync(CltvRoles.Admin);
        var violations = new List<string>();
        foreach (var width in new[] { BrowserPages.DesktopWidth, BrowserPages.PhoneWidth })
        {
            var page = await SignedInAsync(email, width);
            await page.GotoAsync(BaseUrl + "/Settings");
            await Assertions.Expect(page.Locator("#time-zones option[value='Europe/Berlin']")).ToHaveCountAsync(1);
            await page.GetByLabel("Time zone").FillAsync("Europe/Berlin");
            await page.GetByLabel("Recalculate every night at").FillAsync(width == BrowserPages.DesktopWidth ? "03:30" : "04:15");
            await page.GetByText("Advanced: another schedule (cron)").ClickAsync();
            await Assertions.Expect(page.GetByLabel("Cron expression", new() { Exact = true })).ToBeVisibleAsync();
            await BrowserPages.ShotAsync(page, $"settings-01-pickers-{width}");
            violations.AddRange(await AxeCheck.ViolationsAsync(page));
            (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1")).Should().BeTrue($"Settings fit {width} px");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Settings saved")).ToBeVisibleAsync();
            (await CronAsync()).Should().Be(width == BrowserPages.DesktopWidth ? "30 3 * * *" : "15 4 * * *");
        }

        var expert = await SignedInAsync(email, BrowserPages.DesktopWidth);
        await expert.GotoAsync(BaseUrl + "/Settings");
        await expert.GetByText("Advanced: another schedule (cron)").ClickAsync();
        await expert.GetByLabel("Use this cron expression instead of the time above").CheckAsync();
        await expert.GetByLabel("Cron expression", new() { Exact = true }).FillAsync("every night");
        await expert.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(expert.GetByText("'every night' is not a cron expression of five fields")).ToBeVisibleAsync();
        await BrowserPages.ShotAsync(expert, "settings-02-cron-invalid");
        violations.AddRange(await AxeCheck.ViolationsAsync(expert));
        await expert.GetByLabel("Cron expression", new() { Exact = true }).FillAsync("0 */6 * * *");
        await expert.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(expert.GetByText("Settings saved")).ToBeVisibleAsync();
        await Assertions.Expect(expert.GetByLabel("Cron expression", new() { Exact = true })).ToBeVisibleAsync();
        (await CronAsync()).Should().Be("0 */6 * * *");

        // The chart colours, as the cohort curves and any chart of many series get them: none repeats.
        await expert.AddScriptTagAsync(new() { Url = "/js/charts.js" });
        var sequential = await expert.EvaluateAsync<string[]>("[...Array(24).keys()].map(i => CltvCharts.colour(i, 24, true))");
        var categorical = await expert.EvaluateAsync<string[]>("[...Array(24).keys()].map(i => CltvCharts.colour(i, 24, false))");
        sequential.Should().OnlyHaveUniqueItems();
        categorical.Should().OnlyHaveUniqueItems();

        var admin = await SignedInAsync(email, BrowserPages.PhoneWidth, clipboard: true);
        await admin.GotoAsync(BaseUrl + "/Users");
        await admin.GetByLabel("Name (what it is for)").FillAsync("CRM sync");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var secret = (await admin.Locator("#api-token-secret").InnerTextAsync()).Trim();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Copy", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator(".copied")).ToHaveTextAsync("Copied");
        (await admin.EvaluateAsync<string>("navigator.clipboard.readText()")).Should().Be(secret);
        await BrowserPages.ShotAsync(admin, "settings-03-token-copied-390", fullPage: false);
        violations.AddRange(await AxeCheck.ViolationsAsync(admin));

        violations.Should().BeEmpty();
        ConsoleErrors.Should().BeEmpty();
    }

    private async Task<string> CronAsync()
    {
        await using var context = App.CreateContext();
        return (await context.BusinessSettings.AsNoTracking().SingleAsync()).NightlyCron;
    }

    private Task<IPage> SignedInAsync(string email, int width, bool clipboard = false) =>
        BrowserPages.SignInAsync(Browser, BaseUrl, email, width, ConsoleErrors, clipboard ? o => o.Permissions = ["clipboard-read", "clipboard-write"] : null);

    // Day-first dates (25/02 proves it) in a file without a currency column.
    private static string RetryCsv() =>
        "customer_id,date,amount\nretry-1,03/02/2024,10.00\nretry-2,25/02/2024,12.50\nretry-1,04/03/2024,8.00\n";
}
