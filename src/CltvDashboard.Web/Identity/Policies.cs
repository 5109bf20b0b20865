using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Authorization;

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

    /// <summary>Registers the three policies.</summary>
    /// <param name="options">The authorization options.</param>
    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var role in CltvRoles.All)
        {
            options.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(CltvRoles.AtLeast(role)));
        }

        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
