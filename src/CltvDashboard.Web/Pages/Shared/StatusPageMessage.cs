using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages.Shared;

/// <summary>
/// What the status page says about this request in place of its general words, set by the page or download that
/// answered: what was not there and, when there is a better one than the resource's main page, the way back.
/// </summary>
/// <param name="Text">What was not found, in the user's words.</param>
/// <param name="BackHref">A way back that fits this request better than the resource's main page; null for that page.</param>
/// <param name="BackLabel">The way back's link text.</param>
public sealed record StatusPageMessage(string Text, string? BackHref = null, string? BackLabel = null)
{
    /// <summary>Keeps the message for the status page of this request.</summary>
    /// <param name="http">The request.</param>
    public void Set(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Features.Set(this);
    }
}

/// <summary>Answers a page's request "not found" with a message for the status page.</summary>
public static class StatusPageMessages
{
    /// <summary>Answers 404 with what was not there on the status page.</summary>
    /// <param name="page">The page.</param>
    /// <param name="text">What was not there, in the user's words.</param>
    /// <param name="backHref">A better way back than the resource's main page, if there is one.</param>
    /// <param name="backLabel">Its link text.</param>
    public static NotFoundResult NotFoundSaying(this PageModel page, string text, string? backHref = null, string? backLabel = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        new StatusPageMessage(text, backHref, backLabel).Set(page.HttpContext);
        return page.NotFound();
    }
}
