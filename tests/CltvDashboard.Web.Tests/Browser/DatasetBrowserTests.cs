using System.Text;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.TestSupport;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// From the CDNOW demo to the business's own Shopify export in euros, in headless Chromium: the review replaces the
/// demo by default without a currency being typed, the results are in euros with nothing of the demo left, and the
/// next run is compared with the replace's first run only. Screenshots <c>dataset-*.png</c>.
/// </summary>
public sealed class DatasetBrowserTests(DemoApp demo) : BrowserTest, IClassFixture<DemoApp>
{
    [Fact]
    public async Task Own_euro_file_replaces_the_demo_by_default_and_its_runs_compare_only_with_each_other()
    {
        var page = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Analyst, BrowserPages.DesktopWidth, ConsoleErrors);
        await page.GotoAsync(demo.BaseUrl + "/");
        var notice = page.Locator("#demo-notice");
        await Assertions.Expect(notice).ToContainTextAsync("CDNOW demo data");
        await Assertions.Expect(notice.GetByRole(AriaRole.Link, new() { Name = "Remove the demo data" })).ToBeVisibleAsync();
        await BrowserPages.ShotAsync(page, "dataset-01-home-demo");

        await notice.GetByRole(AriaRole.Link, new() { Name = "Upload your own file" }).ClickAsync();
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload
        {
            Name = "orders_export.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(ShopifyExportGenerator.Generate(240, seed: 21)),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#replaces-demo")).ToContainTextAsync("replaces the demo");
        await Assertions.Expect(page.GetByText("Replace the demo data", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Currency of rows that name none")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Mode" })).ToHaveCountAsync(0, new() { Timeout = 1_000 });
        await BrowserPages.ShotAsync(page, "dataset-02-review-replaces-demo");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Recalculation finished.")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await BrowserPages.ShotAsync(page, "dataset-03-progress-done");

        await page.GotoAsync(demo.BaseUrl + "/Overview");
        var kpis = page.Locator("main");
        await Assertions.Expect(kpis).ToContainTextAsync("€");
        await Assertions.Expect(kpis).Not.ToContainTextAsync("$");
        await Assertions.Expect(kpis).Not.ToContainTextAsync("▼");
        await Assertions.Expect(kpis).Not.ToContainTextAsync("▲");
        await BrowserPages.ShotAsync(page, "dataset-04-overview-eur");
        // Through the page's own session, without navigating to JSON (the browser would then ask for a favicon).
        var api = await page.APIRequest.GetAsync(demo.BaseUrl + "/api/v1/kpis");
        (await api.TextAsync()).Should().Contain("\"currency\":\"EUR\"");

        int firstRunAfterReplace;
        await using (var context = demo.App.CreateContext())
        {
            var dataset = await context.Datasets.SingleAsync();
            dataset.Should().BeEquivalentTo(new { Kind = DatasetKind.Own, Currency = "EUR", FileName = "orders_export.csv" });
            (await context.Customers.Select(c => c.ExternalId).ToListAsync()).Should().OnlyContain(id => id.Contains('@'), "no demo customer is left");
            (await context.CalculationRuns.Where(r => r.Status == CalculationRunStatus.Succeeded).Select(r => r.DatasetId).ToListAsync())
                .Should().OnlyContain(id => id == dataset.Id, "the demo's runs went with it");
            (await context.ImportBatches.Select(b => b.FileName).ToListAsync()).Should().Equal("orders_export.csv");
            (await context.CohortCells.Where(c => c.Channel != "").Select(c => c.Channel).Distinct().ToListAsync()).Should().NotContain("", "only the file's own channels");
            firstRunAfterReplace = (int)(await context.CalculationRuns.SingleAsync(r => r.IsCurrent)).Id;
        }

        await page.GotoAsync(demo.BaseUrl + "/Runs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Recalculate now" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Recalculation requested")).ToBeVisibleAsync();
        await WaitForCurrentRunAfterAsync(firstRunAfterReplace);
        await page.GotoAsync(demo.BaseUrl + "/Runs");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("orders_export.csv · EUR");
        await BrowserPages.ShotAsync(page, "dataset-05-runs");

        await using (var context = demo.App.CreateContext())
        {
            using var cache = new RunResultCache();
            var dashboard = await new RunContextQueries(context, cache).ContextAsync();
            dashboard.Previous!.Id.Should().Be(firstRunAfterReplace, "the second run is compared with the replace's first run and nothing older");
        }

        await page.GotoAsync(demo.BaseUrl + "/Overview");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("€");
        await BrowserPages.ShotAsync(page, "dataset-06-overview-second-run");
        ConsoleErrors.Should().BeEmpty();
    }

    private async Task WaitForCurrentRunAfterAsync(long runId)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < until)
        {
            await using var context = demo.App.CreateContext();
            if (await context.CalculationRuns.AnyAsync(r => r.IsCurrent && r.Id > runId))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The second run did not finish.");
    }
}
