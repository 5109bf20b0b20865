using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CltvDashboard.Web.Identity;

/// <summary>
/// The authorization policies, two per role, each admitting that role and the roles above it, so that a resource
/// names the least role it needs and an Admin can do whatever an Analyst can. Which resource needs which role is
/// <see cref="AppResources"/>.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user.</summary>
    public const string Owner = CltvRoles.Owner;

    /// <summary>Analysts and Admins.</summary>
    public const string Analyst = CltvRoles.Analyst;

    /// <summary>Admins.</summary>
    public const string Admin = CltvRoles.Admin;

    private const string ApiPrefix = "Api:";

    /// <summary>
    /// The API policy of a role: its users by the session cookie or by an API token. The role policies use the default
    /// scheme, the cookie, so a token opens nothing but the API.
    /// </summary>
    /// <param name="role">One of <see cref="CltvRoles.All"/>.</param>
    public static string ApiFor(string role) => ApiPrefix + role;

    /// <summary>Registers the role policies and the API policy of each role.</summary>
    /// <param name="options">The authorization options.</param>
    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var role in CltvRoles.All)
        {
            options.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(CltvRoles.AtLeast(role)));
            options.AddPolicy(ApiFor(role), policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(CltvRoles.AtLeast(role)));
        }

        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
