using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright, as every browser test starts it.</summary>
internal static class HeadlessChromium
{
    /// <summary>Where the browser tests save their screenshots (created by <see cref="LaunchAsync"/>).</summary>
    public static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    // The distribution's browser, never a downloaded one; the flags keep it off the network and the GPU, which
    // neither the build machines nor containers have.
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Flags =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    /// <summary>Starts a headless browser and makes sure the screenshot folder exists.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = Flags });
    }
}
