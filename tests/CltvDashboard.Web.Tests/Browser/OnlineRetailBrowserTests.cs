using System.Globalization;
using System.Text;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.TestSupport;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// A line-item export in the UCI Online Retail layout (pounds, invoices of several lines, guest invoices without a
/// CustomerID, same-day cancellations) uploaded over the CDNOW demo, in headless Chromium: the upload ends on the
/// results, the report counts lines apart from orders with the lines without a customer and their value, and the
/// rejected-lines file holds every one of them. Screenshots <c>retail-*.png</c>.
/// </summary>
public sealed class OnlineRetailBrowserTests(DemoApp demo) : BrowserTest, IClassFixture<DemoApp>
{
    private static readonly OnlineRetailExportGenerator.Export Retail = OnlineRetailExportGenerator.Generate(customers: 300, seed: 11);

    [Fact]
    public async Task Online_retail_export_ends_on_the_results_in_pounds_with_a_report_that_accounts_for_every_line()
    {
        var page = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Analyst, BrowserPages.DesktopWidth, ConsoleErrors);
        await page.GotoAsync(demo.BaseUrl + "/Upload");
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload
        {
            Name = "online_retail.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Retail.Text),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#replaces-demo")).ToContainTextAsync("replaces the demo");

        // The file names no currency: the review asks for one before anything is queued.
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("The file's rows name no currency and none is chosen");
        await page.GetByLabel("Currency of rows that name none").FillAsync("GBP");
        await page.Locator("#Input_DateOrder").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByText("Recalculation finished.")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open the dashboards" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".runbar")).Not.ToContainTextAsync("1998", new() { Timeout = 10_000 }); // the demo's run is gone from the top bar too
        await BrowserPages.ShotAsync(page, "retail-01-progress-done");

        await page.GetByRole(AriaRole.Link, new() { Name = "See the import report" }).ClickAsync();
        await Assertions.Expect(page.Locator(".kpi", new() { HasText = "Lines read" })).ToContainTextAsync(N(Retail.Lines));
        await Assertions.Expect(page.Locator(".kpi", new() { HasText = "Lines rejected" })).ToContainTextAsync(N(Retail.LinesWithoutCustomer));
        await Assertions.Expect(page.Locator(".kpi", new() { HasText = "Lines used" })).ToContainTextAsync(N(Retail.Lines - Retail.LinesWithoutCustomer));
        await Assertions.Expect(page.Locator(".kpi", new() { HasText = "New customers" }))
            .ToContainTextAsync(N(Retail.Customers), new() { UseInnerText = true }); // CDNOW had the same ids: a replace starts anew
        var noCustomer = page.Locator("tr", new() { HasText = "no customer" });
        await Assertions.Expect(noCustomer).ToContainTextAsync(N(Retail.LinesWithoutCustomer));
        await Assertions.Expect(noCustomer).ToContainTextAsync(Pounds(Retail.ValueWithoutCustomer));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"The {N(Retail.LinesWithoutCustomer)} rejected lines make {N(Retail.InvoicesWithoutCustomer)} orders.");
        await BrowserPages.ShotAsync(page, "retail-02-report", fullPage: false);

        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Download all rejected lines as CSV" }).GetAttributeAsync("href");
        var rejected = await (await page.APIRequest.GetAsync(demo.BaseUrl + href)).TextAsync();
        var rejectedLines = rejected.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rejectedLines.Should().HaveCount(1 + Retail.LinesWithoutCustomer, "a header, then every rejected line of the file, not one per invoice");
        rejectedLines.Skip(1).Should().OnlyContain(l => l.TrimEnd('\r').EndsWith(",United Kingdom", StringComparison.Ordinal), "each with its original fields");

        await page.GotoAsync(demo.BaseUrl + "/Overview");
        var main = page.Locator("main");
        await Assertions.Expect(main).ToContainTextAsync("£");
        await Assertions.Expect(main).Not.ToContainTextAsync("$");
        await Assertions.Expect(main.Locator(".kpi", new() { HasText = "Customers" }).First)
            .ToContainTextAsync(N(Retail.Customers - Retail.CustomersOnlyCancelledSameDay));
        await BrowserPages.ShotAsync(page, "retail-03-overview-gbp");

        var phone = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Analyst, BrowserPages.PhoneWidth, ConsoleErrors);
        await using (var context = demo.App.CreateContext())
        {
            var batch = await context.ImportBatches.AsNoTracking().SingleAsync(b => b.FileName == "online_retail.csv");
            batch.Status.Should().Be(ImportStatus.Succeeded);
            await phone.GotoAsync(demo.BaseUrl + $"/Imports/Details/{batch.Id}");
        }

        await Assertions.Expect(phone.Locator(".kpi", new() { HasText = "Lines read" })).ToContainTextAsync(N(Retail.Lines));
        (await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1")).Should()
            .BeTrue("the report fits a phone's width, but these reach past it: {0}", await phone.EvaluateAsync<string>(WiderThanTheWindow));
        await BrowserPages.ShotAsync(phone, "retail-04-report-phone", fullPage: false);
        (await AxeCheck.ViolationsAsync(phone)).Should().BeEmpty();
        ConsoleErrors.Should().BeEmpty();
    }

    // The text reaching past the window's right edge (an unbreakable word overflows its box without widening it).
    private const string WiderThanTheWindow = """
        () => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const found = [];
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const range = document.createRange();
                range.selectNodeContents(node);
                if (range.getBoundingClientRect().right > window.innerWidth + 1 && !node.parentElement.closest('.table-wrap')) {
                    found.push(node.textContent.trim().slice(0, 80));
                }
            }
            return found.join('; ');
        }
        """;

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    // As the pages write money: whole units from 1,000 up.
    private static string Pounds(decimal value) => "£" + value.ToString(value >= 1000 ? "N0" : "N2", CultureInfo.InvariantCulture);
}
