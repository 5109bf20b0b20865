using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests;

/// <summary>Per-user API tokens: created by an Admin on the Users page, accepted by /api/v1 only, with the user's current role.</summary>
public abstract partial class ApiTokenTests(AppFixture fixture)
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task Admin_creates_a_token_whose_secret_reads_the_api_without_a_cookie()
    {
        var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var owner = await App.CreateUserAsync(CltvRoles.Owner);

        var secret = await CreateTokenAsync(admin, owner, "crm sync");
        using var client = BearerClient(secret);

        secret.Should().MatchRegex("^cltv_[A-Za-z0-9_-]{43}$");
        (await client.GetAsync("/api/v1/runs")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/kpis")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the caller is let in and there is no run yet");
        var list = await admin.GetStringAsync("/Users");
        list.Should().Contain("crm sync").And.Contain(secret[..ApiTokenService.DisplayPrefixLength]).And.NotContain(secret);
        await using var context = App.CreateContext();
        var stored = await context.Set<ApiToken>().SingleAsync(t => t.Name == "crm sync");
        stored.LastUsedAtUtc.Should().NotBeNull("using a token records when");
    }

    [Fact]
    public async Task Only_the_hash_of_the_secret_is_stored()
    {
        var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var owner = await App.CreateUserAsync(CltvRoles.Owner);

        var secret = await CreateTokenAsync(admin, owner, "hash check");

        await using var context = App.CreateContext();
        var stored = await context.Set<ApiToken>().AsNoTracking().SingleAsync(t => t.Name == "hash check");
        stored.SecretHash.Should().Be(Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))).ToLowerInvariant());
        var hidden = secret[ApiTokenService.DisplayPrefixLength..];
        typeof(ApiToken).GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => (string)p.GetValue(stored)!)
            .Should().NotContain(value => value.Contains(hidden, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_revoked_and_expired_tokens_get_401()
    {
        var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var owner = await App.CreateUserAsync(CltvRoles.Owner);
        var revoked = await CreateTokenAsync(admin, owner, "to revoke");
        string expired;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
                .CreateAsync(await UserIdAsync(owner), null, "expired", DateTime.UtcNow.AddMinutes(-1));
            expired = created.Secret;
        }

        await using (var context = App.CreateContext())
        {
            var id = (await context.Set<ApiToken>().SingleAsync(t => t.Name == "to revoke")).Id;
            (await CltvWebFactory.PostFormAsync(admin, "/Users", new() { ["tokenId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/Users?handler=RevokeToken"))
                .StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        var wrong = "cltv_" + new string('A', 43);
        foreach (var secret in new[] { wrong, revoked, expired, "not-a-token" })
        {
            using var client = BearerClient(secret);
            var response = await client.GetAsync("/api/v1/runs");
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, secret);
            response.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().Contain("Bearer");
        }

        (await admin.GetStringAsync("/Users")).Should().Contain("Revoked").And.Contain("Expired");
    }

    [Fact]
    public async Task A_token_acts_with_its_users_current_role_and_stops_when_the_user_is_locked()
    {
        var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var owner = await App.CreateUserAsync(CltvRoles.Owner);
        var secret = await CreateTokenAsync(admin, owner, "roles");

        var asOwner = await AuthenticateAsync(secret);
        asOwner.Identity!.Name.Should().Be(owner);
        asOwner.IsInRole(CltvRoles.Owner).Should().BeTrue();
        asOwner.IsInRole(CltvRoles.Analyst).Should().BeFalse();
        asOwner.IsInRole(CltvRoles.Admin).Should().BeFalse();

        var userId = await UserIdAsync(owner);
        await CltvWebFactory.PostFormAsync(admin, "/Users", new() { ["userId"] = userId, ["role"] = CltvRoles.Analyst }, "/Users?handler=Role");
        var asAnalyst = await AuthenticateAsync(secret);
        asAnalyst.IsInRole(CltvRoles.Analyst).Should().BeTrue("the token follows the user's role as it is now");
        asAnalyst.IsInRole(CltvRoles.Owner).Should().BeFalse();

        await CltvWebFactory.PostFormAsync(admin, "/Users", new() { ["userId"] = userId, ["locked"] = "true" }, "/Users?handler=Lock");
        using var client = BearerClient(secret);
        (await client.GetAsync("/api/v1/runs")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_admins_token_opens_no_page_export_or_status_endpoint()
    {
        var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var other = await App.CreateUserAsync(CltvRoles.Admin);
        var secret = await CreateTokenAsync(admin, other, "pages");
        using var client = BearerClient(secret);

        foreach (var page in new[] { "/Overview", "/Users", "/Runs" })
        {
            var response = await client.GetAsync(page);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, page);
            response.Headers.Location!.OriginalString.Should().Contain("/Account/SignIn", page);
        }

        (await client.GetAsync($"/api/imports/{Guid.NewGuid()}/status")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var hangfire = await client.GetAsync("/hangfire");
        (hangfire.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || hangfire.Headers.Location?.OriginalString.Contains("/Account/SignIn", StringComparison.Ordinal) == true)
            .Should().BeTrue($"the job dashboard refuses a token, was {(int)hangfire.StatusCode}");
        (await client.GetAsync("/api/v1/runs")).StatusCode.Should().Be(HttpStatusCode.OK, "the same token does open the API");
    }

    [Fact]
    public async Task Non_admins_cannot_create_or_revoke_tokens()
    {
        var analyst = await App.SignedInClientAsync(CltvRoles.Analyst);
        var email = await App.CreateUserAsync(CltvRoles.Owner);
        var antiforgery = await CltvWebFactory.AntiforgeryTokenAsync(analyst, "/Runs");

        var create = await analyst.PostAsync("/Users?handler=CreateToken", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["NewTokenUserId"] = await UserIdAsync(email),
            ["NewTokenName"] = "sneaky",
        }));
        var revoke = await analyst.PostAsync("/Users?handler=RevokeToken", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["tokenId"] = "1",
        }));

        IsAccessDenied(create).Should().BeTrue();
        IsAccessDenied(revoke).Should().BeTrue();
        await using var context = App.CreateContext();
        (await context.Set<ApiToken>().AnyAsync(t => t.Name == "sneaky")).Should().BeFalse();
    }

    [Fact]
    public async Task A_token_needs_a_name_and_a_last_day_not_in_the_past()
    {
        var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var owner = await App.CreateUserAsync(CltvRoles.Owner);
        var userId = await UserIdAsync(owner);

        var unnamed = await CltvWebFactory.PostFormAsync(admin, "/Users", new() { ["NewTokenUserId"] = userId, ["NewTokenName"] = " " }, "/Users?handler=CreateToken");
        var past = await CltvWebFactory.PostFormAsync(
            admin, "/Users", new() { ["NewTokenUserId"] = userId, ["NewTokenName"] = "yesterday", ["NewTokenValidThrough"] = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, "/Users?handler=CreateToken");

        (await unnamed.Content.ReadAsStringAsync()).Should().Contain("Name the token");
        (await past.Content.ReadAsStringAsync()).Should().Contain("cannot be in the past").And.NotMatchRegex("cltv_[A-Za-z0-9_-]{43}");
        await using var context = App.CreateContext();
        (await context.Set<ApiToken>().AnyAsync(t => t.UserId == userId)).Should().BeFalse();
    }

    [Fact]
    public async Task Openapi_document_declares_the_bearer_scheme_and_is_readable_with_a_token()
    {
        var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var secret = await CreateTokenAsync(admin, await App.CreateUserAsync(CltvRoles.Owner), "openapi");
        using var client = BearerClient(secret);

        var document = await client.GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(ApiTokenAuthenticationHandler.SchemeName);
        scheme.GetProperty("type").GetString().Should().Be("http");
        scheme.GetProperty("scheme").GetString().Should().Be("bearer");
        document.GetProperty("security")[0].TryGetProperty(ApiTokenAuthenticationHandler.SchemeName, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Last_used_is_written_at_most_once_a_minute()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var owner = await App.CreateUserAsync(CltvRoles.Owner);
        await using var context = App.CreateContext();
        var tokens = new ApiTokenService(context, clock);
        var created = await tokens.CreateAsync(await UserIdAsync(owner), null, "clock", null);

        async Task<DateTime?> UseAtAsync(TimeSpan after)
        {
            clock.Now = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero) + after;
            (await tokens.FindValidAsync(created.Secret)).Should().NotBeNull();
            await using var reader = App.CreateContext();
            return (await reader.Set<ApiToken>().SingleAsync(t => t.Id == created.Token.Id)).LastUsedAtUtc;
        }

        (await UseAtAsync(TimeSpan.Zero)).Should().Be(new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc));
        (await UseAtAsync(TimeSpan.FromSeconds(59))).Should().Be(new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc), "a minute has not passed");
        (await UseAtAsync(TimeSpan.FromSeconds(61))).Should().Be(new DateTime(2026, 1, 5, 9, 1, 1, DateTimeKind.Utc));
    }

    private HttpClient BearerClient(string secret)
    {
        var client = App.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task<string> CreateTokenAsync(HttpClient admin, string email, string name)
    {
        var response = await CltvWebFactory.PostFormAsync(
            admin, "/Users", new() { ["NewTokenUserId"] = await UserIdAsync(email), ["NewTokenName"] = name }, "/Users?handler=CreateToken");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var match = SecretPattern().Match(await response.Content.ReadAsStringAsync());
        match.Success.Should().BeTrue("the page shows the new secret once");
        return match.Value;
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var context = App.CreateContext();
        return (await context.Users.SingleAsync(u => u.Email == email)).Id;
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> AuthenticateAsync(string secret)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Headers.Authorization = "Bearer " + secret;
        var result = await http.AuthenticateAsync(ApiTokenAuthenticationHandler.SchemeName);
        result.Succeeded.Should().BeTrue(result.Failure?.Message);
        return result.Principal!;
    }

    private static bool IsAccessDenied(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.Forbidden;

    [GeneratedRegex("cltv_[A-Za-z0-9_-]{43}")]
    private static partial Regex SecretPattern();

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
