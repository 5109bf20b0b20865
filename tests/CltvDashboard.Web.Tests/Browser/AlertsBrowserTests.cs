using System.Runtime.CompilerServices;
using CltvDashboard.Domain.Alerts;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// The CDNOW demo recalculated as of 31 January 1998 and again as of its last day: the Alerts page lists the
/// high-value customers whose chance of buying again fell, in headless Chromium.
/// </summary>
public sealed class AlertsBrowserTests(DemoApp demo) : BrowserTest, IClassFixture<DemoApp>
{
    // The two runs are made once per application, however many tests of the class use it.
    private static readonly ConditionalWeakTable<DemoApp, Task<long>> LaterRuns = new();

    private long _laterRunId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _laterRunId = await LaterRuns.GetValue(demo, RecalculateTwiceAsync);
    }

    private static async Task<long> RecalculateTwiceAsync(DemoApp demo)
    {
        await using var context = demo.App.CreateContext();
        var pipeline = new RecalculationPipeline(context);
        await pipeline.RecalculateAsync(CalculationTrigger.Manual, new DateOnly(1998, 1, 31));
        return (await pipeline.RecalculateAsync(CalculationTrigger.Manual, new DateOnly(1998, 6, 30))).RunId;
    }

    [Fact]
    public async Task An_owner_reads_the_high_value_customers_whose_chance_fell_with_their_figures()
    {
        int alerted;
        string first;
        await using (var context = demo.App.CreateContext())
        {
            var firing = await context.AlertFirings.AsNoTracking().Include(f => f.Customers)
                .SingleAsync(f => f.CalculationRunId == _laterRunId && f.Rule == AlertRuleKind.HighValueAtRisk);
            alerted = firing.Customers.Count;
            var top = firing.Customers.OrderBy(c => c.Position).First().CustomerId;
            first = await context.Customers.Where(c => c.Id == top).Select(c => c.ExternalId).SingleAsync();
        }

        var page = await SignedInPageAsync(CltvRoles.Owner);
        await page.GotoAsync(demo.BaseUrl + "/Alerts");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Alerts");
        var card = page.Locator("article.alert-firing").Filter(new() { HasText = $"{alerted} high-value customers fell below" });
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card.Locator("tbody tr")).ToHaveCountAsync(Math.Min(alerted, 100));
        await Assertions.Expect(card.Locator("tbody tr").First.Locator("th")).ToHaveTextAsync(first);
        await Assertions.Expect(card.Locator("tbody tr").First).ToBeVisibleAsync();
        var cards = page.Locator("article.alert-firing h3");
        await Assertions.Expect(cards.First).ToContainTextAsync("High value at risk", new() { Timeout = 5_000 });
        await Assertions.Expect(page.GetByText("Analysts change the rules.")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HeadlessChromium.ScreenshotFolder, "alerts-01-page.png"), FullPage = false });
    }

    [Fact]
    public async Task The_weekly_digest_of_the_same_runs_lists_the_alert_and_the_customers_to_win_back_with_its_chart()
    {
        var page = await SignedInPageAsync(CltvRoles.Owner);
        await page.GotoAsync(demo.BaseUrl + "/Account/Digest");
        await page.GetByLabel("Day").SelectOptionAsync("Monday");
        await page.GetByLabel("Hour").SelectOptionAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me the weekly digest" }).ClickAsync();
        await Assertions.Expect(page.Locator("#digest-state")).ToContainTextAsync("every Monday at 08:00");

        await page.GotoAsync(demo.BaseUrl + "/Account/Digest?handler=Preview");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your customers this week");
        await Assertions.Expect(page.GetByText("High value at risk:").First).ToBeVisibleAsync();
        var chart = page.Locator("img[alt^='Predicted value by segment']");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        (await chart.EvaluateAsync<int>("img => img.naturalWidth")).Should().Be(600);
        await Assertions.Expect(page.Locator("a[href*='/Customer?id=']")).ToHaveCountAsync(10);
        // After a second run the preset also holds customers whose chance merely slipped; none of them is listed to win back.
        var chances = await page.Locator("#win-back tr:has(a) td:nth-child(3)").AllInnerTextsAsync();
        chances.Select(c => int.Parse(c.TrimEnd(' ', '%'), System.Globalization.CultureInfo.InvariantCulture)).Should().OnlyContain(c => c < 60, "medium churn risk is below a 60 % chance");
        await page.SetViewportSizeAsync(760, 1400);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HeadlessChromium.ScreenshotFolder, "digest-01-preview.png"), FullPage = true });
    }

    // Tall, so that the screenshot holds the first firing's customers.
    private async Task<IPage> SignedInPageAsync(string role) =>
        await BrowserPages.SignInAsync(
            Browser, demo.BaseUrl, await demo.App.CreateUserAsync(role), 1280, ConsoleErrors, options => options.ViewportSize = new ViewportSize { Width = 1280, Height = 1400 });
}
