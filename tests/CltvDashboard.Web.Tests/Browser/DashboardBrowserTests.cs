using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// The dashboards in headless Chromium on the CDNOW demo: each page draws its charts without console errors and
/// shows known figures. Screenshots go to TestResults/screenshots in the test output (dash-*.png).
/// </summary>
public sealed class DashboardBrowserTests(DemoApp demo) : BrowserTest, IClassFixture<DemoApp>
{
    private static readonly string ScreenshotFolder = HeadlessChromium.ScreenshotFolder;

    [Fact]
    public async Task Overview_draws_its_charts_and_shows_the_cdnow_kpis()
    {
        var page = await SignedInPageAsync(CltvRoles.Owner);

        await page.GotoAsync(demo.BaseUrl + "/Overview");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".kpi").Filter(new() { HasText = "Customers" }).First).ToContainTextAsync("23,570");
        await Assertions.Expect(page.Locator(".kpi").Filter(new() { HasText = "Historical revenue" })).ToContainTextAsync("$2,500,316");
        var ruleOfThumb = page.Locator(".kpi.rule-of-thumb");
        await Assertions.Expect(ruleOfThumb).ToContainTextAsync("Rule of thumb CLV");
        await Assertions.Expect(ruleOfThumb.Locator(".value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\$[\d,.]+$"));
        await Assertions.Expect(ruleOfThumb).ToContainTextAsync("the model follows each customer's own history and dropout");
        await ExpectChartsDrawnAsync(page, 3);
        await ShotAsync(page, "dash-01-overview");
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Segments_show_the_rfm_grid_tables_with_actions_and_export_a_csv()
    {
        var page = await SignedInPageAsync(CltvRoles.Owner);

        await page.GotoAsync(demo.BaseUrl + "/Segments");

        await Assertions.Expect(page.Locator("td[data-r='5'][data-fm='5']")).ToContainTextAsync("Champions");
        await Assertions.Expect(page.Locator("td[data-r='5'][data-fm='5']")).ToContainTextAsync("3,174 customers");
        var champions = page.Locator("#segments-rfm tr").Filter(new() { HasText = "Champions" });
        await Assertions.Expect(champions).ToContainTextAsync("7,936");
        await Assertions.Expect(champions).ToContainTextAsync("Reward them");
        await ExpectChartsDrawnAsync(page, 1);
        await ShotAsync(page, "dash-02-segments");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href='/exports/segments/rfm.csv']").ClickAsync());
        download.SuggestedFilename.Should().Be($"cltv-segments-rfm-run-{demo.RunId}-data-to-1998-06-30-in-USD.csv");
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        lines[0].Should().StartWith("segment,customers,customer_share,value_share");
        lines.Should().Contain(line => line.StartsWith("Champions,7936,", StringComparison.Ordinal));
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Customers_list_sorts_searches_pages_and_opens_a_customer()
    {
        var page = await SignedInPageAsync(CltvRoles.Owner);

        await page.GotoAsync(demo.BaseUrl + "/Customers");
        await Assertions.Expect(page.Locator("#list-summary")).ToContainTextAsync("23,570 customers");
        await Assertions.Expect(page.Locator("#customers tbody tr").First).ToContainTextAsync("7592");
        await ShotAsync(page, "dash-04-customers");

        await page.GetByRole(AriaRole.Link, new() { Name = "Champions", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#list-summary")).ToContainTextAsync("7,936 customers");
        await page.GetByRole(AriaRole.Link, new() { Name = "High value at risk" }).ClickAsync();
        await Assertions.Expect(page.Locator("#customers tbody tr").First).ToContainTextAsync("22279");
        await ShotAsync(page, "dash-05-customers-at-risk");

        await page.GetByRole(AriaRole.Link, new() { Name = "Everybody" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Next ›" }).ClickAsync();
        await Assertions.Expect(page.Locator("#list-summary")).ToContainTextAsync("page 2 of 472");
        await page.GetByLabel("Customer id contains").FillAsync("10001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.Locator("#list-summary")).ToContainTextAsync("1 customers");
        await page.GetByRole(AriaRole.Link, new() { Name = "10001", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customer 10001" })).ToBeVisibleAsync();
        new Uri(page.Url).AbsolutePath.Should().Be("/Customers/10001", "a customer's page is addressed by the customer's own id");
        await Assertions.Expect(page.Locator("#fact-revenue")).ToHaveTextAsync("$19.78");
        await Assertions.Expect(page.Locator("#fact-segment")).ToHaveTextAsync("Loyal");
        await Assertions.Expect(page.Locator("figure:has(#purchase-timeline) tbody th")).ToHaveTextAsync(["1997-02-06", "1997-10-09"]);
        await ExpectChartsDrawnAsync(page, 3);
        await ShotAsync(page, "dash-06-customer");
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Customer_page_draws_the_p_alive_curve_of_the_run_and_downloads_the_history()
    {
        var page = await SignedInPageAsync(CltvRoles.Owner);
        await page.GotoAsync(demo.BaseUrl + "/Customers?q=10001");
        await page.GetByRole(AriaRole.Link, new() { Name = "10001", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customer 10001" })).ToBeVisibleAsync();
        var curve = page.Locator("figure:has(#alive-curve)");
        await Assertions.Expect(curve.Locator("caption")).ToHaveTextAsync("Chance still active over time, P(alive)");
        await Assertions.Expect(curve.Locator("tbody th").First).ToHaveTextAsync("1997-02-06");
        await Assertions.Expect(curve.Locator("tbody th").Last).ToHaveTextAsync("1998-06-30");
        var purchases = curve.Locator("tbody tr").Filter(new() { HasText = "$" });
        await Assertions.Expect(purchases.Locator("th")).ToHaveTextAsync(["1997-02-06", "1997-10-09"]);
        await Assertions.Expect(purchases.Last).ToContainTextAsync("$12.99");
        await ExpectChartsDrawnAsync(page, 3);
        var axes = await page.EvaluateAsync<string[]>(
            """
            () => {
                const chart = window.Chart.getChart(document.getElementById("alive-curve"));
                return [chart.options.plugins.title.text, chart.options.scales.x.title.text, chart.options.scales.y.title.text, chart.data.datasets[0].label,
                    String(chart.data.datasets[0].data.length), chart.scales.x.type, chart.options.scales.x.ticks.callback(chart.data.datasets[1].data[1].x)];
            }
            """);
        axes[..4].Should().Equal("Chance still active over time, P(alive)", "Day", "P(alive)", "P(alive)");
        int.Parse(axes[4], System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(50, "a point about every week from the first purchase to the as-of date");
        axes[5..].Should().Equal(["linear", "1997-10-09"], "days lie on a time-proportional axis and the second purchase is marked on its day");
        await page.Locator("#alive-curve").ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "dash-06b-customer-alive-curve");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#history-export").ClickAsync());
        download.SuggestedFilename.Should().Be($"cltv-customer-10001-history-run-{demo.RunId}-data-to-1998-06-30-in-USD.csv");
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        lines.Should().HaveCount(4).And.Contain(line => line.StartsWith("purchase,10001,1997-10-09,12.99,", StringComparison.Ordinal));
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Cohorts_show_retention_and_revenue_per_customer_to_analysts()
    {
        var page = await SignedInPageAsync(CltvRoles.Analyst);

        await page.GotoAsync(demo.BaseUrl + "/Cohorts");

        await Assertions.Expect(page.Locator("#cohort-grid tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#cohort-grid tbody tr").First).ToContainTextAsync("1997-01");
        await Assertions.Expect(page.Locator("#cohort-grid tbody tr").First).ToContainTextAsync("7,846");
        await Assertions.Expect(page.Locator("#cohort-grid tbody tr").First.Locator("td").Nth(1)).ToHaveTextAsync("100.0 %");
        await ExpectChartsDrawnAsync(page, 2);
        await Assertions.Expect(page.Locator("#channel-select")).ToHaveCountAsync(0);
        (await page.Locator("main").InnerTextAsync()).Should().NotContainEquivalentOf("channel", "CDNOW names no acquisition channel, so the page does not talk about them");
        await ShotAsync(page, "dash-07-cohorts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cumulative revenue per customer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cumulative revenue per customer" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cohort-grid tbody tr").First.Locator("td").Nth(1)).ToContainTextAsync("$");
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Model_health_names_the_chosen_model_with_parameters_holdout_accuracy_and_tracking_charts()
    {
        var page = await SignedInPageAsync(CltvRoles.Analyst);

        await page.GotoAsync(demo.BaseUrl + "/ModelHealth");

        await Assertions.Expect(page.Locator("#chosen-model")).Not.ToHaveTextAsync("none");
        await Assertions.Expect(page.Locator("#fits tbody tr.current").First).ToContainTextAsync("±");
        await Assertions.Expect(page.Locator("#fits")).ToContainTextAsync("naive baseline");
        await Assertions.Expect(page.Locator("canvas#tracking[data-chart='tracking']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("canvas#frequency-buckets[data-chart='bar']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#holdout-checks")).ToContainTextAsync("Repeat purchases per week: actual vs model");
        await Assertions.Expect(page.Locator("#holdout-checks")).ToContainTextAsync("predicted the shaded rest");
        await ExpectChartsDrawnAsync(page, 4);
        await ShotAsync(page, "dash-08-model-health");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href='/exports/model-fits.csv']").ClickAsync());
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        lines[0].Should().StartWith("model,period,chosen,parameter,estimate,standard_error");
        lines.Should().Contain(line => line.Contains(",FullHistory,true,r,", StringComparison.Ordinal));
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Owners_are_kept_out_of_the_analyst_pages_and_downloads_by_the_apps_own_page_with_a_way_back()
    {
        var page = await SignedInPageAsync(CltvRoles.Owner);

        var response = await page.GotoAsync(demo.BaseUrl + "/ModelHealth");

        response!.Status.Should().Be(403);
        new Uri(page.Url).AbsolutePath.Should().Be("/ModelHealth", "refused where it was asked");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Model health is for Analysts and Admins, and you are signed in as an Owner.");
        (await page.Locator("nav.nav").InnerTextAsync()).Should().NotContain("Model health");
        await ShotAsync(page, "dash-10-not-allowed");

        var export = await page.GotoAsync(demo.BaseUrl + "/exports/cohorts.csv");
        export!.Status.Should().Be(403);
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Cohorts is for Analysts and Admins");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the start page" }).ClickAsync();
        await page.WaitForURLAsync(demo.BaseUrl + "/");
        ErrorsBesidesThePagesOwnStatus().Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_customer_shows_the_apps_not_found_page_and_leads_back_to_a_search()
    {
        var page = await SignedInPageAsync(CltvRoles.Owner);

        var response = await page.GotoAsync(demo.BaseUrl + "/Customers/0759");

        response!.Status.Should().Be(404);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync($"There is no customer \u201c0759\u201d in run #{demo.RunId}.");
        await ShotAsync(page, "dash-11-customer-not-found");
        await page.GetByRole(AriaRole.Link, new() { Name = "Search the customers for it" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Customer id contains")).ToHaveValueAsync("0759");
        // The search finds the ids that hold it, such as 10759.
        await Assertions.Expect(page.Locator("#customers tbody tr").First).ToContainTextAsync("0759");
        ErrorsBesidesThePagesOwnStatus().Should().BeEmpty();
    }

    [Fact]
    public async Task What_if_projects_a_higher_order_value_for_champions()
    {
        var page = await SignedInPageAsync(CltvRoles.Owner);

        await page.GotoAsync(demo.BaseUrl + "/WhatIf");
        await page.GetByLabel("Which customers").SelectOptionAsync("Champions");
        await page.GetByLabel("Order value, %").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Project" }).ClickAsync();

        await Assertions.Expect(page.Locator("#whatif-result")).ToContainTextAsync("7,936");
        await Assertions.Expect(page.Locator("#whatif-result")).ToContainTextAsync("+10.0 %");
        await Assertions.Expect(page.Locator("#baseline-range")).ToContainTextAsync("80 % range: $");
        await Assertions.Expect(page.Locator("#scenario-range")).ToContainTextAsync("80 % range: $");
        await Assertions.Expect(page.Locator("#change-range")).ToContainTextAsync("80 % range: $");
        await Assertions.Expect(page.Locator("#range-note")).ToContainTextAsync("a wrong model is not in the range");
        await ShotAsync(page, "dash-09-what-if");
        ConsoleErrors.Should().BeEmpty();
    }

    // Chromium reports a page answered 403 or 404 as a console error; anything else is still one.
    private List<string> ErrorsBesidesThePagesOwnStatus() =>
        ConsoleErrors.Where(e => !e.Contains("Failed to load resource: the server responded with a status of 40", StringComparison.Ordinal)).ToList();

    private Task<IPage> SignedInPageAsync(string role) =>
        BrowserPages.SignedInAsync(Browser, demo, role, BrowserPages.DesktopWidth, ConsoleErrors);

    // A canvas Chart.js has drawn on has a chart instance and non-blank pixels.
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
