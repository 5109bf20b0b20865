using System.Globalization;
using System.Text.RegularExpressions;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// The forecasts' ranges in headless Chromium on the CDNOW demo: each ranged figure on Overview, the segment tables and a
/// customer's page has its 80 % range in view, with the figure inside it. Screenshots ranges-*.png.
/// </summary>
public sealed partial class RangesBrowserTests(DemoApp demo) : BrowserTest, IClassFixture<DemoApp>
{
    [Fact]
    public async Task Overview_cards_show_each_ranged_figure_inside_its_80_percent_range()
    {
        var page = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Owner, BrowserPages.DesktopWidth, ConsoleErrors);

        await page.GotoAsync(demo.BaseUrl + "/Overview");

        foreach (var label in new[] { "Predicted revenue", "Mean predicted CLV" })
        {
            var card = page.Locator(".kpi").Filter(new() { HasText = label });
            await Assertions.Expect(card.Locator(".range")).ToBeVisibleAsync();
            var (low, high) = Bounds(await card.Locator(".range").InnerTextAsync(), "80 % range: ");
            var figure = Amount(await card.Locator(".value").InnerTextAsync());
            figure.Should().BeInRange(low, high, label);
            high.Should().BeGreaterThan(low, label);
        }

        var active = page.Locator(".kpi").Filter(new() { HasText = "Active customers" }).Locator(".range");
        await Assertions.Expect(active).ToContainTextAsync("Still customers at all: ");
        await BrowserPages.ShotAsync(page, "ranges-01-overview", fullPage: false);
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_segments_mean_clv_lies_inside_its_80_percent_range()
    {
        var page = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Owner, BrowserPages.DesktopWidth, ConsoleErrors);

        await page.GotoAsync(demo.BaseUrl + "/Segments");

        var table = page.Locator("#segments-rfm");
        await Assertions.Expect(table.Locator("thead")).ToContainTextAsync("Mean CLV, 80 % range");
        foreach (var segment in new[] { "Champions", "Loyal" })
        {
            var row = table.Locator("tbody tr").Filter(new() { Has = page.Locator("th", new() { HasTextString = segment }) }).First;
            var mean = Amount(await row.Locator("td[data-label='Mean CLV']").InnerTextAsync());
            var (low, high) = Bounds(await row.Locator("td[data-label='Mean CLV, 80 % range']").InnerTextAsync(), "");
            mean.Should().BeInRange(low, high, segment);
            high.Should().BeGreaterThan(low, segment);
        }

        await table.ScrollIntoViewIfNeededAsync();
        await page.Locator("section:has(#segments-rfm)").ScreenshotAsync(new() { Path = Path.Combine(HeadlessChromium.ScreenshotFolder, "ranges-02-segments.png") });
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_customer_page_gives_the_purchases_and_clv_ranges_around_the_forecasts()
    {
        // An Analyst, who may also open Model health.
        var page = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Analyst, BrowserPages.DesktopWidth, ConsoleErrors);
        await page.GotoAsync(demo.BaseUrl + "/Customers");

        await page.Locator("#customers tbody tr").First.Locator("a").First.ClickAsync();

        var purchases = page.Locator("#range-purchases");
        await Assertions.Expect(purchases).ToHaveTextAsync(PurchasesRange());
        var match = PurchasesRange().Match(await purchases.InnerTextAsync());
        var expected = double.Parse(await purchases.EvaluateAsync<string>("e => e.parentElement.firstChild.textContent"), NumberStyles.Number, CultureInfo.InvariantCulture);
        expected.Should().BeInRange(int.Parse(match.Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, NumberStyles.Number, CultureInfo.InvariantCulture));
        var (low, high) = Bounds(await page.Locator("#range-clv").InnerTextAsync(), "80 % range: ");
        Amount(await page.Locator("#fact-clv").InnerTextAsync()).Should().BeInRange(low, high);
        await BrowserPages.ShotAsync(page, "ranges-03-customer", fullPage: false);

        await page.GotoAsync(demo.BaseUrl + "/ModelHealth");
        await Assertions.Expect(page.Locator("#holdout-range")).ToContainTextAsync("95 % range for the holdout's purchases");
        await Assertions.Expect(page.Locator("#ranges-include")).ToContainTextAsync("they do not include a wrong model");
        await page.Locator("#model-summary").ScreenshotAsync(new() { Path = Path.Combine(HeadlessChromium.ScreenshotFolder, "ranges-04-model-health.png") });
        await page.Locator("#ranges").ScreenshotAsync(new() { Path = Path.Combine(HeadlessChromium.ScreenshotFolder, "ranges-05-model-health-ranges.png") });
        ConsoleErrors.Should().BeEmpty();
    }

    private static decimal Amount(string text) => decimal.Parse(text.Trim().TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture);

    private static (decimal Low, decimal High) Bounds(string text, string prefix)
    {
        text.Should().StartWith(prefix);
        var parts = text[prefix.Length..].Split(" – ");
        parts.Should().HaveCount(2, text);
        return (Amount(parts[0]), Amount(parts[1]));
    }

    [GeneratedRegex(@"^between ([\d,]+) and ([\d,]+) purchases? in the next 12 months \(80 %\)$")]
    private static partial Regex PurchasesRange();
}
