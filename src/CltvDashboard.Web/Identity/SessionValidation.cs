using System.Security.Claims;
using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Identity;

/// <summary>
/// Ties the session cookie to a stored <see cref="UserSession"/>: signing in records one and names it in the cookie,
/// signing out deletes it, and every request is let in only while it exists and its user still holds the roles, the
/// security stamp and the unlocked state the cookie was issued with. State-changing requests always ask the store;
/// reads may rely on a check made within <see cref="Configuration.CltvWebOptions.SessionCheckSeconds"/>.
/// </summary>
public sealed class SessionValidation
{
    /// <summary>The claim that carries the session's id in the cookie.</summary>
    public const string SessionClaimType = "cltv:session";

    private readonly UserSessions _sessions;
    private readonly SessionCheckCache _cache;
    private readonly ClaimsIdentityOptions _claims;

    public SessionValidation(UserSessions sessions, SessionCheckCache cache, IOptions<IdentityOptions> identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        _sessions = sessions;
        _cache = cache;
        _claims = identity.Value.ClaimsIdentity;
    }

    /// <summary>The cookie events that call this class, resolved per request.</summary>
    /// <param name="events">The application cookie's events.</param>
    public static void Attach(CookieAuthenticationEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        events.OnSigningIn = context => For(context.HttpContext).SigningInAsync(context);
        events.OnValidatePrincipal = context => For(context.HttpContext).ValidateAsync(context);
        events.OnSigningOut = context => For(context.HttpContext).SigningOutAsync(context);
    }

    /// <summary>Records the session and names it in the cookie.</summary>
    /// <param name="context">The sign-in.</param>
    public async Task SigningInAsync(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.FindFirst(_claims.UserIdClaimType)?.Value is not { } userId)
        {
            return;
        }

        var generation = _cache.Generation(userId);
        var sessionId = await _sessions.StartAsync(userId, context.Options.ExpireTimeSpan, context.HttpContext.RequestAborted);
        // Just stored, so the reads that follow the sign-in need not ask again.
        _cache.Remember(sessionId, userId, generation);
        foreach (var stale in identity.FindAll(SessionClaimType).ToList())
        {
            identity.RemoveClaim(stale);
        }

        identity.AddClaim(new Claim(SessionClaimType, sessionId.ToString("N")));
    }

    /// <summary>Lets the request in only while its session is alive and its user unchanged.</summary>
    /// <param name="context">The cookie's principal.</param>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        if (SessionOf(principal) is not { } sessionId || principal!.FindFirst(_claims.UserIdClaimType)?.Value is not { } userId)
        {
            // A cookie issued before sessions were stored, or not by this application: sign in again.
            await RejectAsync(context, null);
            return;
        }

        var request = context.HttpContext.Request;
        var reads = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
        if (reads && _cache.IsFresh(sessionId, userId))
        {
            return;
        }

        var generation = _cache.Generation(userId);
        var state = await _sessions.FindAsync(sessionId, context.HttpContext.RequestAborted);
        if (state is null || !Matches(principal, userId, state))
        {
            await RejectAsync(context, state is null ? null : sessionId);
            return;
        }

        _cache.Remember(sessionId, userId, generation);
    }

    /// <summary>Deletes the session being signed out of, so that a copy of its cookie stops working too.</summary>
    /// <param name="context">The sign-out.</param>
    public async Task SigningOutAsync(CookieSigningOutContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SessionOf(context.HttpContext.User) is { } sessionId)
        {
            _cache.Forget(sessionId);
            await _sessions.EndAsync(sessionId, context.HttpContext.RequestAborted);
        }
    }

    private bool Matches(ClaimsPrincipal principal, string userId, SessionState state)
    {
        var roles = principal.FindAll(_claims.RoleClaimType).Select(c => c.Value).Order(StringComparer.Ordinal);
        return state.UserId == userId
            && !state.Locked
            && state.SecurityStamp == principal.FindFirst(_claims.SecurityStampClaimType)?.Value
            && roles.SequenceEqual(state.Roles, StringComparer.Ordinal);
    }

    private async Task RejectAsync(CookieValidatePrincipalContext context, Guid? liveSessionId)
    {
        if (liveSessionId is { } sessionId)
        {
            _cache.Forget(sessionId);
            await _sessions.EndAsync(sessionId, context.HttpContext.RequestAborted);
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }

    private static Guid? SessionOf(ClaimsPrincipal? principal) =>
        Guid.TryParseExact(principal?.FindFirst(SessionClaimType)?.Value, "N", out var id) ? id : null;

    private static SessionValidation For(HttpContext context) => context.RequestServices.GetRequiredService<SessionValidation>();
}
