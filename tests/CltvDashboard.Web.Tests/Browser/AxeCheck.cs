using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CltvDashboard.Web.Tests.Browser;

/// <summary>
/// axe-core (Deque's engine, the package's bundled copy injected through Playwright) over the page as it is shown.
/// </summary>
internal static class AxeCheck
{
    /// <summary>Each violation axe-core finds on the page, one line each: rule, impact, how many elements and the first ones.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        return result.Violations
            .Select(violation =>
                $"{page.Url} at {page.ViewportSize?.Width} px: {violation.Id} ({violation.Impact}, {violation.Nodes.Length}×) {violation.Help}: "
                + string.Join("; ", violation.Nodes.Take(3).Select(node => node.Target?.ToString())))
            .ToList();
    }
}
