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
#pragma warning disable CA1001 // xunit disposes the host, the browser and the database through IAsyncLifetime.
public sealed class FirstRunAccessibilityBrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly List<string> _consoleErrors = [];
    private TestDatabase _database = null!;
    private CltvWebFactory _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = new CltvWebFactory(_database);
        _app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        _baseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Setup_and_sign_in_pass_axe_core_at_desktop_and_phone_width()
    {
        var violations = new List<string>();
        foreach (var width in new[] { BrowserPages.DesktopWidth, BrowserPages.PhoneWidth })
        {
            var page = await BrowserPages.OpenAsync(_browser, width, _consoleErrors);

            await page.GotoAsync(_baseUrl + "/Setup");
            await Assertions.Expect(page.GetByLabel("Setup token")).ToBeVisibleAsync();
            violations.AddRange(await AxeCheck.ViolationsAsync(page));
            await page.GetByLabel("Setup token").FillAsync("not-the-token");
            await page.GetByLabel("E-mail").FillAsync("first@example.com");
            await page.GetByLabel("Password").FillAsync(CltvWebFactory.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create Admin" }).ClickAsync();
            await Assertions.Expect(page.GetByText("The setup token is not the one in the server log.").First).ToBeVisibleAsync();
            violations.AddRange(await AxeCheck.ViolationsAsync(page));

            await page.GotoAsync(_baseUrl + "/Account/SignIn");
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
        _consoleErrors.Should().BeEmpty();
    }
}
