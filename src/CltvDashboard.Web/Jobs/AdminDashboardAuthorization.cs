using CltvDashboard.Web.Identity;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;

namespace CltvDashboard.Web.Jobs;

/// <summary>Lets only the roles of <see cref="AppResources.Jobs"/> into Hangfire's dashboard, wherever the request comes from.</summary>
public sealed class AdminDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    /// <inheritdoc />
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, AppResources.Jobs.Policy).ConfigureAwait(false)).Succeeded;
    }
}
