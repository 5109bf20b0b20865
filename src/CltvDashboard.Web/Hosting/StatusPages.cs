namespace CltvDashboard.Web.Hosting;

/// <summary>
/// An error status without a body (a page or download not found, a refusal) is answered with the application's own
/// page (<c>Pages/Status</c>) at the address that was asked, keeping the status code. The JSON API keeps its bare status
/// codes: a script reads the code, and HTML would only be in its way.
/// </summary>
public static class StatusPages
{
    /// <summary>The status page's address for a status code.</summary>
    public const string PathFormat = "/Status/{0}";

    /// <summary>Adds the middleware; it must come before routing so that the status page is routed afresh.</summary>
    /// <param name="app">The application.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IApplicationBuilder UseCltvStatusPages(this IApplicationBuilder app) =>
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute(PathFormat));
}
