using CltvDashboard.Web.Tests.Support;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>Pages of a browser test: opened at a width, recording console errors, signed in as a new user of a role.</summary>
internal static class BrowserPages
{
    /// <summary>The width the phone checks use (an iPhone 12 to 15 in portrait).</summary>
    public const int PhoneWidth = 390;

    /// <summary>The desktop width of the dashboards' checks.</summary>
    public const int DesktopWidth = 1280;

    /// <summary>
    /// A new page in its own context, whose console errors and script errors are added to <paramref name="consoleErrors"/>;
    /// <paramref name="configure"/>, when given, sets further options of the context (permissions, JavaScript off).
    /// </summary>
    public static async Task<IPage> OpenAsync(IBrowser browser, int width, List<string> consoleErrors, Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = width == PhoneWidth ? 844 : 900 } };
        configure?.Invoke(options);
        var context = await browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{page.Url}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => consoleErrors.Add($"{page.Url}: {error}");
        return page;
    }

    /// <summary>A page signed in as a new user of <paramref name="role"/> through the sign-in form.</summary>
    public static async Task<IPage> SignedInAsync(IBrowser browser, DemoApp demo, string role, int width, List<string> consoleErrors) =>
        await SignInAsync(browser, demo.BaseUrl, await demo.App.CreateUserAsync(role), width, consoleErrors);

    /// <summary>A page signed in as <paramref name="email"/> through the sign-in form of the app at <paramref name="baseUrl"/>.</summary>
    public static async Task<IPage> SignInAsync(
        IBrowser browser, string baseUrl, string email, int width, List<string> consoleErrors, Action<BrowserNewContextOptions>? configure = null)
    {
        var page = await OpenAsync(browser, width, consoleErrors, configure);
        await page.GotoAsync(baseUrl + "/Account/SignIn");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(CltvWebFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            // Generous: on two shared cores the first page after signing in can take long; a refusal fails with its words.
            await page.WaitForURLAsync(url => !url.Contains("SignIn", StringComparison.OrdinalIgnoreCase), new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            var shown = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
            throw new InvalidOperationException($"Signing in as {email} did not leave the sign-in page; it shows: {shown}");
        }

        return page;
    }

    /// <summary>Saves a screenshot as TestResults/screenshots/<paramref name="name"/>.png: the whole page, or only what the window shows.</summary>
    public static Task ShotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HeadlessChromium.ScreenshotFolder, name + ".png"), FullPage = fullPage });
}
