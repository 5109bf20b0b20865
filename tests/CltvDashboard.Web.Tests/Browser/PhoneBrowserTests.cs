using System.Text.RegularExpressions;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// The dashboards on a 390 px wide phone on the CDNOW demo: a menu button in place of three rows of links, the RFM
/// grid with its segment names, segment tables as cards, the customer list with its key figures, wide tables that
/// scroll inside their own box by keyboard too, and no page wider than the screen. Screenshots phone-*.png.
/// </summary>
public sealed partial class PhoneBrowserTests(DemoApp demo) : BrowserTest, IClassFixture<DemoApp>
{
    private static readonly string[] AdminPages =
        ["/", "/Overview", "/Segments", "/Customers", "/Customers?sort=Revenue", "/Cohorts", "/ModelHealth", "/WhatIf", "/Runs", "/Imports", "/Imports/RemoveDemo", "/Upload", "/Settings", "/Users", "/Alerts", "/AlertDelivery", "/Erasures", "/Account/Digest"];

    [Fact]
    public async Task The_menu_folds_behind_a_button_that_the_keyboard_opens_and_closes()
    {
        var page = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Admin, BrowserPages.PhoneWidth, ConsoleErrors);
        await page.GotoAsync(demo.BaseUrl + "/Overview");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(navigation).ToBeHiddenAsync();
        var titleTop = await page.Locator("h1").EvaluateAsync<double>("h1 => h1.getBoundingClientRect().top");
        titleTop.Should().BeLessThan(160, "the bar is one row high and the run status under it at most two");
        await BrowserPages.ShotAsync(page, "phone-01-overview", fullPage: false);

        // Skip link, brand, then the menu button.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(button).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(navigation).ToBeVisibleAsync();
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Overview" })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await BrowserPages.ShotAsync(page, "phone-02-menu-open", fullPage: false);

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Home" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(navigation).ToBeHiddenAsync();
        await Assertions.Expect(button).ToBeFocusedAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");

        await page.Keyboard.PressAsync(" ");
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Segments" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Segments", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(navigation).ToBeHiddenAsync();
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task On_a_wide_screen_the_links_show_and_the_menu_button_does_not()
    {
        var page = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Admin, BrowserPages.DesktopWidth, ConsoleErrors);
        await page.GotoAsync(demo.BaseUrl + "/Overview");

        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#menu-button")).ToBeHiddenAsync();
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_rfm_grid_shows_every_segment_name_inside_its_square()
    {
        var page = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Owner, BrowserPages.PhoneWidth, ConsoleErrors);
        await page.GotoAsync(demo.BaseUrl + "/Segments");

        var champions = page.Locator("td[data-r='5'][data-fm='5']");
        await Assertions.Expect(champions.Locator(".seg")).ToBeVisibleAsync();
        await Assertions.Expect(champions).ToContainTextAsync("3,174");
        await Assertions.Expect(champions).ToContainTextAsync("$172.42");
        // Every square's content fits its box: no word cut or running into the next square.
        var spilling = await page.Locator(".heatmap.rfm").EvaluateAsync<string[]>(
            """
            grid => [...grid.querySelectorAll("td")].flatMap(cell => {
                const box = cell.getBoundingClientRect();
                return [...cell.querySelectorAll("span")].filter(span => {
                    const r = span.getBoundingClientRect();
                    return span.offsetParent !== null && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
                }).map(span => `${cell.dataset.r}/${cell.dataset.fm}: ${span.textContent}`);
            })
            """);
        spilling.Should().BeEmpty();
        var unbroken = await page.Locator(".heatmap.rfm .seg").EvaluateAllAsync<string[]>(
            "names => names.filter(n => n.getClientRects().length > 0 && n.textContent.split(' ').length < Math.round(n.getBoundingClientRect().height / parseFloat(getComputedStyle(n).lineHeight))).map(n => n.textContent)");
        unbroken.Should().BeEmpty("a segment name wraps only between its words, never inside one");
        var grid = await page.Locator(".heatmap.rfm").BoundingBoxAsync();
        grid!.X.Should().BeGreaterThanOrEqualTo(0);
        (grid.X + grid.Width).Should().BeLessThanOrEqualTo(BrowserPages.PhoneWidth, "the whole grid is on screen at once");
        await page.Locator("#grid-title").ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => window.scrollBy(0, document.getElementById('grid-title').getBoundingClientRect().top - 8)");
        await BrowserPages.ShotAsync(page, "phone-03-segments-grid", fullPage: false);
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Segment_tables_become_one_card_per_segment_with_its_figures_and_suggested_action()
    {
        var page = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Owner, BrowserPages.PhoneWidth, ConsoleErrors);
        await page.GotoAsync(demo.BaseUrl + "/Segments");

        var champions = page.Locator("#segments-rfm tbody tr").Filter(new() { HasText = "Champions" });
        foreach (var figure in new[] { "Customers", "Share of value", "Mean CLV", "Rule of thumb CLV", "Suggested action" })
        {
            var cell = champions.Locator($"td[data-label='{figure}']");
            await Assertions.Expect(cell).ToBeVisibleAsync();
            var label = await cell.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content");
            label.Should().Be($"\"{figure}\"", "each figure is labelled in the card");
            var box = await cell.BoundingBoxAsync();
            (box!.X + box.Width).Should().BeLessThanOrEqualTo(BrowserPages.PhoneWidth, $"{figure} is on screen without scrolling sideways");
        }

        await Assertions.Expect(champions.Locator("td[data-label='Customers']")).ToHaveTextAsync("7,936");
        await Assertions.Expect(champions.Locator("td.action")).ToContainTextAsync("Reward them");
        await page.Locator("#table-rfm").ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => window.scrollBy(0, document.getElementById('table-rfm').getBoundingClientRect().top - 8)");
        await BrowserPages.ShotAsync(page, "phone-04-segment-cards", fullPage: false);
        await BrowserPages.ShotAsync(page, "phone-04b-segments-page");
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_customer_list_shows_each_customers_clv_and_chance_of_buying_again_on_screen()
    {
        var page = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Owner, BrowserPages.PhoneWidth, ConsoleErrors);
        await page.GotoAsync(demo.BaseUrl + "/Customers");

        var first = page.Locator("#customers tbody tr").First;
        await Assertions.Expect(first.Locator("th")).ToHaveTextAsync("7592");
        var shown = await VisibleHeadersAsync(page);
        shown.Should().Equal("Customer", "Segment", "Chance of buying again, 90 days", "Predicted CLV ▼");
        await ExpectWithinScreenAsync(first.Locator("td").Nth(5));
        await Assertions.Expect(first.Locator("td").Nth(5)).ToHaveTextAsync(MoneyPattern());
        await Assertions.Expect(page.Locator("#folded-columns")).ToBeVisibleAsync();
        await BrowserPages.ShotAsync(page, "phone-05-customers", fullPage: false);

        // Sorted by a folded column, that column comes back so the order can be read.
        await page.GotoAsync(demo.BaseUrl + "/Customers?sort=Revenue&desc=true");
        (await VisibleHeadersAsync(page)).Should().Equal("Customer", "Segment", "Chance of buying again, 90 days", "Predicted CLV", "Revenue to date ▼");
        await ExpectWithinScreenAsync(page.Locator("#customers tbody tr").First.Locator("td").Nth(6));
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_table_wider_than_the_phone_scrolls_in_its_own_box_which_the_keyboard_can_reach()
    {
        var page = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Analyst, BrowserPages.PhoneWidth, ConsoleErrors);
        await page.GotoAsync(demo.BaseUrl + "/Cohorts");

        var box = page.Locator(".table-wrap:has(#cohort-grid)");
        await Assertions.Expect(box).ToHaveAttributeAsync("tabindex", "0");
        await Assertions.Expect(box).ToHaveAttributeAsync("role", "region");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-label", new Regex("^Retention by acquisition month"));
        await box.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        (await box.EvaluateAsync<double>("b => b.scrollLeft")).Should().BeGreaterThan(0, "the keyboard scrolls the table sideways");
        var boxLeft = (await box.BoundingBoxAsync())!.X;
        var cohortColumn = await page.Locator("#cohort-grid tbody th").First.BoundingBoxAsync();
        cohortColumn!.X.Should().BeGreaterThanOrEqualTo(boxLeft - 1, "the cohort column stays in view while the months scroll");
        await BrowserPages.ShotAsync(page, "phone-06-cohorts-scrolled", fullPage: false);

        // Boxes that fit take no focus, at either width.
        const string FocusableOnlyWhenScrolling =
            "boxes => boxes.filter(b => (b.tabIndex === 0) !== (b.scrollWidth > b.clientWidth + 1)).map(b => b.querySelector('table').id || b.querySelector('table').className)";
        (await page.Locator(".table-wrap").EvaluateAllAsync<string[]>(FocusableOnlyWhenScrolling)).Should().BeEmpty();
        await page.SetViewportSizeAsync(BrowserPages.DesktopWidth, 900);
        await page.WaitForFunctionAsync("() => document.querySelector('.table-wrap:has(#cohort-grid)').clientWidth > 600");
        (await page.Locator(".table-wrap").EvaluateAllAsync<string[]>(FocusableOnlyWhenScrolling)).Should().BeEmpty();
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task No_page_is_wider_than_the_phone()
    {
        var page = await BrowserPages.SignedInAsync(Browser, demo, CltvRoles.Admin, BrowserPages.PhoneWidth, ConsoleErrors);
        var wide = new List<string>();

        foreach (var path in AdminPages)
        {
            await page.GotoAsync(demo.BaseUrl + path);
            var outside = await page.EvaluateAsync<string[]>(
                """
                () => [...document.querySelectorAll("body *")]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest(".table-wrap"))
                    .map(e => e.tagName + "." + e.className).slice(0, 5)
                """);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (outside.Length > 0 || width > BrowserPages.PhoneWidth)
            {
                wide.Add($"{path}: {width} px wide; outside the screen: {string.Join(", ", outside)}");
            }
        }

        wide.Should().BeEmpty("pages scroll vertically only; a wide table scrolls inside its own box");
        ConsoleErrors.Should().BeEmpty();
    }

    private static Task<string[]> VisibleHeadersAsync(IPage page) =>
        page.Locator("#customers thead th").EvaluateAllAsync<string[]>(
            "headers => headers.filter(h => h.getClientRects().length > 0).map(h => (h.querySelector('.long') || h).textContent.trim() + (h.querySelector('a') && /[▲▼]/.test(h.textContent) ? ' ' + h.textContent.trim().slice(-1) : ''))");

    private static async Task ExpectWithinScreenAsync(ILocator locator)
    {
        await Assertions.Expect(locator).ToBeVisibleAsync();
        var box = await locator.BoundingBoxAsync();
        (box!.X + box.Width).Should().BeLessThanOrEqualTo(BrowserPages.PhoneWidth, "the figure is on screen without scrolling sideways");
    }

    [GeneratedRegex(@"^\$[\d,.]+$")]
    private static partial Regex MoneyPattern();
}
