using CltvDashboard.Web.Identity;

namespace CltvDashboard.Web.Jobs;

/// <summary>The requests Hangfire's dashboard cannot answer itself.</summary>
public static class HangfireDashboardGuard
{
    /// <summary>
    /// <c>/stats</c> under the dashboard is the POST its pages send to poll the counters; Hangfire reads the form of any
    /// method there, and a GET (a bookmark, a link checker) failed with 500 "Incorrect Content-Type". Any method but
    /// POST now gets 405 with <c>Allow: POST</c>, under the dashboard's own rule (<see cref="AppResources.Jobs"/>).
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="dashboardPath">Where the dashboard is mapped, e.g. <c>/hangfire</c>.</param>
    /// <returns><paramref name="endpoints"/>.</returns>
    public static IEndpointRouteBuilder MapHangfireDashboardGuard(this IEndpointRouteBuilder endpoints, string dashboardPath)
    {
        endpoints.MapMethods(dashboardPath + "/stats", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], (HttpContext context) =>
            {
                context.Response.Headers.Allow = HttpMethods.Post;
                return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
            })
            .RequireResource(AppResources.Jobs)
            .ExcludeFromDescription();
        return endpoints;
    }
}
