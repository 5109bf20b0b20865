using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Identity;
using CltvDashboard.Web.Pages.Shared;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages;

/// <summary>
/// The page of an error status (see <c>Hosting/StatusPages</c>): what was not found or not allowed, said for the
/// resource that was asked, and the way back. Shown in place of the answer, whatever the request's method.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    /// <summary>The status code.</summary>
    public int Code { get; private set; }

    /// <summary>The heading.</summary>
    public string Title { get; private set; } = "";

    /// <summary>What happened, in the user's words.</summary>
    public string Text { get; private set; } = "";

    /// <summary>The ways back, the most fitting first.</summary>
    public IReadOnlyList<(string Href, string Label)> WaysBack { get; private set; } = [];

    /// <summary>Describes the status.</summary>
    /// <param name="code">The status code of the address.</param>
    public void OnGet(int code) => Describe(code);

    /// <summary>Describes the status of a refused or failed post.</summary>
    /// <param name="code">The status code of the address.</param>
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        if (original is null)
        {
            // Opened directly rather than in place of an answer: the page's own status is the one it describes.
            code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
            Response.StatusCode = code;
        }

        Code = code;
        var resource = original?.Endpoint?.Metadata.GetMetadata<AppResource>();
        var message = HttpContext.Features.Get<StatusPageMessage>();
        var role = CltvRoles.All.LastOrDefault(User.IsInRole);
        var signedIn = User.Identity?.IsAuthenticated == true;
        (Title, Text) = code switch
        {
            StatusCodes.Status404NotFound => ("Not found", message?.Text
                ?? (resource is null
                    ? $"There is no page at {original?.OriginalPath ?? Request.Path.Value}."
                    : $"{resource.Name} has nothing at {original?.OriginalPath}: it may have been removed, or the link is out of date.")),
            StatusCodes.Status403Forbidden => ("Not allowed", resource is { Role: { } needed }
                ? $"{resource.Name} is for {Holders(needed)}, and you are signed in as {WithArticle(role)}. Ask an Admin if you need it."
                : "Your role does not include this page. Ask an Admin if you need it."),
            StatusCodes.Status401Unauthorized => ("Sign in first", "This page is for signed-in users."),
            _ => ("Something went wrong", $"The request could not be completed (status {code})."),
        };

        var ways = new List<(string Href, string Label)>();
        if (message?.BackHref is { } href)
        {
            ways.Add((href, message.BackLabel ?? "Back"));
        }
        else if (resource is { Home: { } home } && role is not null && resource.Admits(role) && code != StatusCodes.Status403Forbidden)
        {
            ways.Add((home, $"Back to {resource.Name}"));
        }

        ways.Add(signedIn ? ("/", "Back to the start page") : ("/Account/SignIn", "Sign in"));
        WaysBack = ways;
    }

    // "Analysts and Admins": the role and those above it.
    private static string Holders(string role)
    {
        var roles = CltvRoles.AtLeast(role).Select(r => r + "s").ToList();
        return roles.Count == 1 ? roles[0] : string.Join(", ", roles[..^1]) + " and " + roles[^1];
    }

    private static string WithArticle(string? role) => role is null ? "a user without a role" : "an " + role;
}
