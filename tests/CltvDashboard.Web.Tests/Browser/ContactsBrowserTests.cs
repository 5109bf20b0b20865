using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Endpoints;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// Contacts in headless Chromium: a contact list downloaded from the customer list, and an Admin erasing a customer from
/// their page. Screenshots contacts-*.png.
/// </summary>
public sealed class ContactsBrowserTests(KestrelContactsApp app) : BrowserTest, IClassFixture<KestrelContactsApp>
{
    [Fact]
    public async Task Owner_downloads_the_klaviyo_contact_list_of_the_customer_list()
    {
        var page = await BrowserPages.SignInAsync(Browser, app.BaseUrl, await app.App.CreateUserAsync(CltvRoles.Owner), BrowserPages.DesktopWidth, ConsoleErrors);
        await page.GotoAsync(app.BaseUrl + "/Customers");
        await Assertions.Expect(page.Locator("#audience-links")).ToContainTextAsync("Contact list");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#audience-klaviyo").ClickAsync());

        download.SuggestedFilename.Should().StartWith("cltv-audience-klaviyo-run-").And.EndWith(".csv");
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).ToList();
        lines[0].Should().Be(string.Join(",", ExportEndpoints.KlaviyoColumns));
        await using var context = app.App.CreateContext();
        var emails = await context.Customers.Where(c => c.Email != null).Select(c => c.Email!).ToListAsync();
        lines.Skip(1).Select(l => l.Split(',')[0]).Should().BeEquivalentTo(emails);
        await page.Locator("#audience-links").ScrollIntoViewIfNeededAsync();
        await BrowserPages.ShotAsync(page, "contacts-01-customer-list-audience", fullPage: false);
        ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Admin_erases_a_customer_from_their_page_after_confirming()
    {
        var (id, email, _) = ContactsApp.Contacts[2];
        var page = await BrowserPages.SignInAsync(Browser, app.BaseUrl, await app.App.CreateUserAsync(CltvRoles.Admin), BrowserPages.DesktopWidth, ConsoleErrors);
        await page.GotoAsync(app.BaseUrl + "/Customers/" + id);
        await Assertions.Expect(page.Locator("#contact-email")).ToHaveTextAsync(email);
        await page.Locator("#contact").ScreenshotAsync(new() { Path = Path.Combine(HeadlessChromium.ScreenshotFolder, "contacts-02-customer-contact.png") });

        await page.Locator("#erase-customer").ClickAsync();
        await Assertions.Expect(page.Locator("#erase-target")).ToHaveTextAsync(id);
        await BrowserPages.ShotAsync(page, "contacts-03-erase-confirm", fullPage: false);
        await page.Locator("#confirm-erase").ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/Erasures", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#erased-notice")).ToContainTextAsync("erased-");
        var pseudonym = await page.Locator("#erasures tbody tr td:nth-child(2)").First.InnerTextAsync();
        pseudonym.Should().MatchRegex("^erased-[a-z2-7]{20}$");
        await BrowserPages.ShotAsync(page, "contacts-04-erasures", fullPage: false);
        await page.Locator("#erasures tbody tr td:nth-child(2) a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#contact-none")).ToContainTextAsync("erased");
        (await page.ContentAsync()).Should().NotContain(email).And.NotContain(id);
        ConsoleErrors.Should().BeEmpty();
    }
}
