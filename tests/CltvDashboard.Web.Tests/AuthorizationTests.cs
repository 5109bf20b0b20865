using System.Net;
using System.Text.RegularExpressions;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests;

public abstract partial class AuthorizationTests(AppFixture fixture)
{
    // The pages and endpoints anyone may open; everything else needs a signed-in user.
    // The digest's unsubscribe link works without signing in by design: its token is the credential.
    private static readonly string[] PublicRoutes = ["Account/SignIn", "Setup", "Error", "Status/{code:int}", "health/live", "health/ready", "Digest/Unsubscribe"];

    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task Anonymous_requests_to_every_page_and_endpoint_are_redirected_or_refused()
    {
        var routes = DataRoutes();
        routes.Should().Contain(["Upload", "Settings", "Runs", "Users", "Imports", "api/imports/{id:guid}/status", "api/runs/{id:long}/status"]);
        routes.Should().Contain(r => r.StartsWith("hangfire", StringComparison.Ordinal));

        var client = App.CreateAnonymousClient();
        foreach (var route in routes)
        {
            var url = "/" + ParameterPattern().Replace(route, m => SampleValue(m.Value));
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                var response = await client.SendAsync(new HttpRequestMessage(method, url));
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/SignIn", StringComparison.Ordinal));
                refused.Should().BeTrue($"anonymous {method} {url} must be refused, was {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
    }

    [Fact]
    public void Only_sign_in_setup_error_status_health_the_digest_unsubscribe_link_and_static_files_allow_anonymous_access()
    {
        var anonymous = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Where(route => !IsStaticFile(route))
            .Distinct()
            .ToList();

        anonymous.Should().BeEquivalentTo(PublicRoutes);
    }

    [Fact]
    public async Task Owner_cannot_upload_or_change_settings()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        (await client.GetAsync("/Upload")).Should().Match<HttpResponseMessage>(r => IsAccessDenied(r));
        (await client.GetAsync("/Settings")).Should().Match<HttpResponseMessage>(r => IsAccessDenied(r));
        (await client.GetAsync($"/api/imports/{Guid.NewGuid()}/status")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var token = await CltvWebFactory.AntiforgeryTokenAsync(client, "/Runs");
        var settingsPost = await client.PostAsync("/Settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Version"] = "1",
            ["Input.ForecastHorizonMonths"] = "24",
        }));
        IsAccessDenied(settingsPost).Should().BeTrue();
        var demo = await client.PostAsync("/?handler=LoadDemo", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        IsAccessDenied(demo).Should().BeTrue();

        await using var context = App.CreateContext();
        context.BusinessSettings.Single().ForecastHorizonMonths.Should().Be(12);
    }

    [Fact]
    public async Task Owner_sees_the_runs_but_not_the_recalculate_button()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var page = await client.GetAsync("/Runs");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().NotContain("Recalculate now");
    }

    [Fact]
    public async Task Analyst_cannot_reach_hangfire_or_user_management()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);

        var hangfire = await client.GetAsync("/hangfire");
        hangfire.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized);
        IsAccessDenied(await client.GetAsync("/Users")).Should().BeTrue();
        (await client.GetAsync("/Upload")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Admin_reaches_hangfire_and_user_management()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Admin);

        (await client.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/Users")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var response = await App.CreateAnonymousClient().GetAsync("/Account/SignIn");

        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        policy.Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Fact]
    public async Task Health_endpoints_answer_without_sign_in()
    {
        var client = App.CreateAnonymousClient();

        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    private static bool IsAccessDenied(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.Forbidden;

    private List<RouteEndpoint> Endpoints() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    private List<string> DataRoutes() =>
        Endpoints()
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Where(route => !IsStaticFile(route) && !PublicRoutes.Contains(route))
            .Distinct()
            .ToList();

    // Static assets are the stylesheet and scripts, never data; their routes end in a file extension.
    private static bool IsStaticFile(string route) => StaticFilePattern().IsMatch(route);

    private static string SampleValue(string parameter) =>
        parameter.Contains(":guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString()
        : parameter.StartsWith("{**", StringComparison.Ordinal) || parameter.StartsWith("{*", StringComparison.Ordinal) ? ""
        : "1";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"\.(css|js|map|ico|png|svg|woff2?|gz|br)$", RegexOptions.IgnoreCase)]
    private static partial Regex StaticFilePattern();
}
