using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// axe-core over every page a signed-in Admin reaches on the CDNOW demo, at desktop and at phone width, with the
/// phone menu open too: no violation of any impact (serious and critical ones included) is allowed.
/// </summary>
public sealed class AccessibilityBrowserTests(DemoApp demo) : BrowserTest, IClassFixture<DemoApp>
{
    private static readonly string[] AdminPages =
        ["/", "/Overview", "/Segments", "/Customers", "/Cohorts", "/ModelHealth", "/WhatIf", "/Runs", "/Imports", "/Imports/RemoveDemo", "/Upload", "/Settings", "/Users", "/Alerts", "/AlertDelivery", "/Erasures", "/Account/Digest"];

    [Theory]
    [InlineData(BrowserPages.DesktopWidth)]
    [InlineData(BrowserPages.PhoneWidth)]
    public async Task Every_page_an_admin_reaches_passes_axe_core(int width)
    {
        var page = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Admin, width, ConsoleErrors);
        var violations = new List<string>();

        foreach (var path in AdminPages)
        {
            await OpenAsync(page, path);
            violations.AddRange(await AxeCheck.ViolationsAsync(page));
        }

        await OpenAsync(page, "/Customers");
        await page.Locator("#customers tbody th a").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Customer .+") })).ToBeVisibleAsync();
        violations.AddRange(await AxeCheck.ViolationsAsync(page));

        await OpenAsync(page, "/Imports");
        await page.GetByRole(AriaRole.Link, new() { Name = "Report" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Imports/Details/"));
        violations.AddRange(await AxeCheck.ViolationsAsync(page));

        await OpenAsync(page, "/WhatIf");
        await page.GetByLabel("Order value, %").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Project" }).ClickAsync();
        await Assertions.Expect(page.Locator("#whatif-result")).ToBeVisibleAsync();
        violations.AddRange(await AxeCheck.ViolationsAsync(page));

        if (width == BrowserPages.PhoneWidth)
        {
            await OpenAsync(page, "/Overview");
            await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
            violations.AddRange(await AxeCheck.ViolationsAsync(page));
        }

        violations.Should().BeEmpty();
        ConsoleErrors.Should().BeEmpty();
    }

    private async Task OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(demo.BaseUrl + path);
        response!.Ok.Should().BeTrue($"{path} opens for an Admin");
    }
}
