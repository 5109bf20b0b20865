using System.Security.Claims;
using System.Text.Encodings.Web;
using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CltvDashboard.Web.Identity;

/// <summary>
/// The <see cref="SchemeName"/> authentication scheme: <c>Authorization: Bearer cltv_…</c> signs the request in as the
/// token's user with the roles the user holds now, so that a token never grants more than its user has and a role
/// change or lock-out applies at once. Only the API policies (<see cref="Policies.ApiFor"/>) accept it.
/// </summary>
public sealed class ApiTokenAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiToken";

    /// <summary>The claim that names the token a request came with, e.g. to limit each token's rate.</summary>
    public const string TokenIdClaim = "api_token_id";

    private const string BearerPrefix = "Bearer ";

    private readonly ApiTokenService _tokens;
    private readonly UserManager<CltvUser> _users;
    private readonly IUserClaimsPrincipalFactory<CltvUser> _principals;

    public ApiTokenAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        ApiTokenService tokens,
        UserManager<CltvUser> users,
        IUserClaimsPrincipalFactory<CltvUser> principals)
        : base(options, logger, encoder)
    {
        _tokens = tokens;
        _users = users;
        _principals = principals;
    }

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header[BearerPrefix.Length..].Trim();
        if (await _tokens.FindValidAsync(secret, Context.RequestAborted) is not { } token)
        {
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        }

        if (await _users.FindByIdAsync(token.UserId) is not { } user || await _users.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail("The API token's user is locked out.");
        }

        var principal = await _principals.CreateAsync(user);
        var claims = principal.Claims.Append(new Claim(TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
        return Task.CompletedTask;
    }
}
