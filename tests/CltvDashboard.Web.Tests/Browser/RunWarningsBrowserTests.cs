using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// A run whose model sits on a boundary: its warning is a notice on every dashboard page a user reads numbers on,
/// in headless Chromium. The warning is stored on the demo run as the analysis words it.
/// </summary>
public sealed class RunWarningsBrowserTests(DemoApp demo) : BrowserTest, IClassFixture<DemoApp>
{
    private const string Boundary =
        "The BG/NBD fit sits on a boundary (a → 0): the data show no sign of customers dropping out, so P(alive) is near 100 % for everybody; judge churn risk by the chance of buying again.";

    private const string FewRepeaters = "Only 812 of 23,570 customers (3.4%) bought more than once; the purchase-count models have little to learn from, so treat P(alive) and CLV with caution.";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var context = demo.App.CreateContext();
        var warnings = string.Join('\n', Boundary, FewRepeaters);
        await context.CalculationRuns.Where(r => r.Id == demo.RunId).ExecuteUpdateAsync(r => r.SetProperty(x => x.Warnings, warnings));
    }

    [Fact]
    public async Task The_boundary_warning_is_on_overview_segments_customers_and_a_customer_page()
    {
        string customer;
        await using (var context = demo.App.CreateContext())
        {
            customer = await context.CustomerMetrics.Where(m => m.CalculationRunId == demo.RunId).OrderBy(m => m.CustomerId)
                .Join(context.Customers, m => m.CustomerId, c => c.Id, (_, c) => c.ExternalId).FirstAsync();
        }

        var page = await SignedInPageAsync();

        foreach (var (path, heading) in new[] { ("/Overview", "Overview"), ("/Segments", "Segments"), ("/Customers", "Customers"), ($"/Customers/{customer}", "Customer") })
        {
            await page.GotoAsync(demo.BaseUrl + path);
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(heading);
            var notice = page.GetByRole(AriaRole.Note, new() { Name = $"Warnings about run #{demo.RunId}" });
            await Assertions.Expect(notice).ToBeVisibleAsync();
            await Assertions.Expect(notice).ToContainTextAsync("The BG/NBD fit sits on a boundary");
            await Assertions.Expect(notice).ToContainTextAsync("bought more than once");
            var noticeTop = (await notice.BoundingBoxAsync())!.Y;
            var firstFigures = (await page.Locator(".kpis, .card, table").First.BoundingBoxAsync())!.Y;
            noticeTop.Should().BeLessThan(firstFigures, $"{path}: the notice sits above the figures it is about");
        }

        await page.GotoAsync(demo.BaseUrl + "/Overview");
        await ShotAsync(page, "dash-10-overview-warnings");
    }

    private async Task<IPage> SignedInPageAsync()
    {
        var email = await demo.App.CreateUserAsync(CltvRoles.Owner);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(demo.BaseUrl + "/Account/SignIn");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(CltvWebFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("SignIn", StringComparison.OrdinalIgnoreCase), new() { Timeout = 60_000 });
        return page;
    }

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HeadlessChromium.ScreenshotFolder, name + ".png"), FullPage = true });
}
