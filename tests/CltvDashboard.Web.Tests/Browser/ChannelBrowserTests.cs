using System.Globalization;
using System.Text;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// The CDNOW demo plus a small file of customers with acquisition channels, recalculated: the cohorts page's channel
/// selector and the segment movement between the two runs, in headless Chromium. Screenshots <c>channel-*.png</c>.
/// </summary>
public sealed class ChannelBrowserTests(DemoApp demo) : BrowserTest, IClassFixture<DemoApp>
{
    private const int ChannelCustomers = 40;
    private static readonly string ScreenshotFolder = HeadlessChromium.ScreenshotFolder;

    public override async Task InitializeAsync()
    {
        await AddChannelCustomersAndRecalculateAsync();
        await base.InitializeAsync();
    }

    [Fact]
    public async Task Channel_selector_filters_the_cohort_heatmap_its_revenue_view_and_the_charts()
    {
        var page = await SignedInPageAsync(CltvRoles.Analyst);
        await page.GotoAsync(demo.BaseUrl + "/Cohorts");
        var select = page.GetByLabel("Acquisition channel");
        await Assertions.Expect(select.Locator("option")).ToHaveTextAsync(["All channels", "Email", "Search", "Unknown"]);
        await Assertions.Expect(page.Locator("#cohort-grid tbody tr")).ToHaveCountAsync(3 + NewCohortMonths);

        await select.SelectOptionAsync("Email");

        await page.WaitForURLAsync(url => url.Contains("channel=Email", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Share of each cohort buying, month by month: customers acquired through Email" })).ToBeVisibleAsync();
        var rows = page.Locator("#cohort-grid tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(EmailCohorts().Count);
        var index = 0;
        foreach (var (month, size) in EmailCohorts())
        {
            await Assertions.Expect(rows.Nth(index).Locator("th")).ToHaveTextAsync(month);
            await Assertions.Expect(rows.Nth(index).Locator("td").First).ToHaveTextAsync(size.ToString(CultureInfo.InvariantCulture));
            index++;
        }

        await ExpectChartsDrawnAsync(page, 2);
        await Assertions.Expect(page.Locator("canvas[aria-label^='New customers per month (Email)']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("canvas[aria-label^='Cumulative revenue per customer by cohort (Email)']")).ToHaveCountAsync(1);
        await ShotAsync(page, "channel-01-cohorts-email");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.Should().MatchRegex(@"^cltv-cohorts-email-run-\d+-data-to-1998-06-30-in-USD\.csv$");
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        lines[0].Should().StartWith("channel,acquisition_month,months_since_acquisition,cohort_size,");
        lines.Skip(1).Select(l => l.Split(',')).Where(f => f[2] == "0").Select(f => (f[1], int.Parse(f[3], CultureInfo.InvariantCulture)))
            .Should().Equal(EmailCohorts(), "month 0 of each Email cohort carries its size");

        await page.GetByRole(AriaRole.Link, new() { Name = "Cumulative revenue per customer" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("view=revenue", StringComparison.Ordinal) && url.Contains("channel=Email", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cumulative revenue per customer: customers acquired through Email" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cohort-grid tbody tr")).ToHaveCountAsync(EmailCohorts().Count);
        await Assertions.Expect(page.GetByLabel("Acquisition channel")).ToHaveValueAsync("Email");
        await ShotAsync(page, "channel-02-cohorts-email-revenue");

        await page.GetByLabel("Acquisition channel").SelectOptionAsync("");
        await page.WaitForURLAsync(url => !url.Contains("channel=Email", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#cohort-grid tbody tr")).ToHaveCountAsync(3 + NewCohortMonths);
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Segments_page_shows_the_movement_since_the_demo_run_with_the_new_customers()
    {
        var page = await SignedInPageAsync(CltvRoles.Owner);

        await page.GotoAsync(demo.BaseUrl + "/Segments");

        var matrix = page.Locator("#migration-matrix");
        await Assertions.Expect(matrix).ToHaveAttributeAsync("data-segmentation", "rfm");
        await Assertions.Expect(matrix.Locator("tbody tr").Last.Locator("th")).ToHaveTextAsync("new");
        await Assertions.Expect(matrix.Locator("tbody tr").Last.Locator("td").Last).ToHaveTextAsync(ChannelCustomers.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#migration").ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "channel-03-segments-migration");

        await page.GetByRole(AriaRole.Link, new() { Name = "Value tiers", Exact = true }).ClickAsync();

        await Assertions.Expect(matrix).ToHaveAttributeAsync("data-segmentation", "value-tier");
        await Assertions.Expect(matrix.Locator("thead th")).ToHaveTextAsync(["From ↓ / To →", "Top", "Middle", "Low", "Total"]);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href='/exports/segment-migrations/value-tier.csv']").ClickAsync());
        download.SuggestedFilename.Should().StartWith("cltv-segment-migrations-value-tier-run-");
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        lines[0].Should().Be("from,Top,Middle,Low");
        lines[^1].Should().StartWith("new,");
        lines.Skip(1).Sum(l => l.Split(',').Skip(1).Sum(c => int.Parse(c, CultureInfo.InvariantCulture))).Should().Be(23_570 + ChannelCustomers);
        ConsoleErrors.Should().BeEmpty();
    }

    // Customer k of the file: Email when k is even, first purchase 1998-01-01 plus 3k days, a repeat 35 days later for every third.
    private static DateOnly FirstPurchase(int k) => new DateOnly(1998, 1, 1).AddDays(3 * k);

    // CDNOW's three cohorts come first in the all-channel grid; the file's customers add months of 1998.
    private static int NewCohortMonths => Enumerable.Range(1, ChannelCustomers).Select(k => FirstPurchase(k).ToString("yyyy-MM", CultureInfo.InvariantCulture)).Distinct().Count();

    private static List<(string Month, int Size)> EmailCohorts() =>
        Enumerable.Range(1, ChannelCustomers).Where(k => k % 2 == 0)
            .GroupBy(k => FirstPurchase(k).ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .ToList();

    // Once per class: xunit runs InitializeAsync before every test, and the fixture keeps the store between them.
    private async Task AddChannelCustomersAndRecalculateAsync()
    {
        await using (var store = demo.App.CreateContext())
        {
            if (await store.Customers.AnyAsync(c => c.ExternalId == "ch-1"))
            {
                return;
            }
        }

        var csv = new StringBuilder("customer_id,date,amount,channel\n");
        for (var k = 1; k <= ChannelCustomers; k++)
        {
            var channel = k % 2 == 0 ? "Email" : "Search";
            csv.Append(CultureInfo.InvariantCulture, $"ch-{k},{FirstPurchase(k):yyyy-MM-dd},{20 + k}.00,{channel}\n");
            if (k % 3 == 0)
            {
                csv.Append(CultureInfo.InvariantCulture, $"ch-{k},{FirstPurchase(k).AddDays(35):yyyy-MM-dd},{15 + k}.00,{channel}\n");
            }
        }

        await using (var file = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())))
        {
            var result = await new TransactionImporter(demo.App.Database).ImportAsync(
                file,
                // Rows added to the demo itself: the business's own rows are never appended to it.
                new ImportRequest("channels.csv", new ImportOptions { Now = DateTimeOffset.UtcNow, Currency = "USD" }, ImportMode.Append, "tests") { Kind = DatasetKind.Demo });
            result.TransactionsImported.Should().BeGreaterThan(ChannelCustomers);
        }

        await using var context = demo.App.CreateContext();
        var summary = await new RecalculationPipeline(context).RecalculateAsync(CalculationTrigger.Manual, new DateOnly(1998, 6, 30));
        summary.Status.Should().Be(CalculationRunStatus.Succeeded);
    }

    private Task<IPage> SignedInPageAsync(string role) => BrowserPages.SignedInAsync(Browser, demo, role, BrowserPages.DesktopWidth, ConsoleErrors);

    private static async Task ExpectChartsDrawnAsync(IPage page, int count)
    {
        await Assertions.Expect(page.Locator("canvas[data-chart]")).ToHaveCountAsync(count);
        var drawn = await page.EvaluateAsync<int>(
            """
            () => [...document.querySelectorAll("canvas[data-chart]")].filter(canvas => {
                if (!window.Chart.getChart(canvas)) return false;
                const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
                for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) return true; }
                return false;
            }).length
            """);
        drawn.Should().Be(count, "every chart is drawn");
    }

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
}
