using System.Net;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// axe-core over the pages seen before signing in, on an application without users: the setup form and the
/// sign-in form, at desktop and at phone width, empty and with the messages a wrong entry brings.
/// </summary>
public sealed class FirstRunAccessibilityBrowserTests : OwnStoreBrowserTest
{
    [Fact]
    public async Task Setup_and_sign_in_pass_axe_core_at_desktop_and_phone_width()
    {
        var violations = new List<string>();
        foreach (var width in new[] { BrowserPages.DesktopWidth, BrowserPages.PhoneWidth })
        {
            var page = await BrowserPages.OpenAsync(Browser, width, ConsoleErrors);

            await page.GotoAsync(BaseUrl + "/Setup");
            await Assertions.Expect(page.GetByLabel("Setup token")).ToBeVisibleAsync();
            violations.AddRange(await AxeCheck.ViolationsAsync(page));
            await page.GetByLabel("Setup token").FillAsync("not-the-token");
            await page.GetByLabel("E-mail").FillAsync("first@example.com");
            await page.GetByLabel("Password").FillAsync(CltvWebFactory.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create Admin" }).ClickAsync();
            await Assertions.Expect(page.GetByText("The setup token is not the one in the server log.").First).ToBeVisibleAsync();
            violations.AddRange(await AxeCheck.ViolationsAsync(page));

            await page.GotoAsync(BaseUrl + "/Account/SignIn");
            violations.AddRange(await AxeCheck.ViolationsAsync(page));
            await page.GetByLabel("E-mail").FillAsync("nobody@example.com");
            await page.GetByLabel("Password").FillAsync("wrong-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert.error, .field-error").First).ToBeVisibleAsync();
            violations.AddRange(await AxeCheck.ViolationsAsync(page));
            if (width == BrowserPages.PhoneWidth)
            {
                await BrowserPages.ShotAsync(page, "phone-00-sign-in", fullPage: false);
            }

            await page.Context.CloseAsync();
        }

        violations.Should().BeEmpty();
        ConsoleErrors.Should().BeEmpty();
    }
}
