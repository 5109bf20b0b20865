using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CltvDashboard.Web.Identity;

/// <summary>
/// The authorization policies, one per role, each admitting that role and the roles above it, so that a page
/// names the least role it needs and an Admin can do whatever an Analyst can.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user: the dashboards.</summary>
    public const string Owner = CltvRoles.Owner;

    /// <summary>Analysts and Admins: uploads, settings, recalculation.</summary>
    public const string Analyst = CltvRoles.Analyst;

    /// <summary>Admins: users and the job dashboard.</summary>
    public const string Admin = CltvRoles.Admin;

    /// <summary>
    /// Any signed-in user by the session cookie or by an API token: the read-only JSON API. The other policies use
    /// the default scheme, the cookie, so a token opens nothing else.
    /// </summary>
    public const string Api = "Api";

    /// <summary>Registers the three role policies and <see cref="Api"/>.</summary>
    /// <param name="options">The authorization options.</param>
    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var role in CltvRoles.All)
        {
            options.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(CltvRoles.AtLeast(role)));
        }

        options.AddPolicy(Api, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiTokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(CltvRoles.AtLeast(CltvRoles.Owner)));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
