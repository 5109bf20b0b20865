using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests.Identity;

/// <summary>
/// One rule per resource: every route of the application belongs to a resource of <see cref="AppResources"/> and is
/// authorized by that resource's rule alone, and each role gets the same answer from a resource's pages, exports and API.
/// </summary>
public sealed partial class ResourceRulesTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public void Every_route_of_the_app_belongs_to_a_resource_and_is_authorized_by_its_rule_alone()
    {
        var endpoints = Endpoints();
        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText!;
            if (endpoint.Metadata.GetMetadata<AppResource>() is not { } resource)
            {
                problems.Add($"{route}: belongs to no resource");
                continue;
            }

            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Distinct().ToList();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (resource.IsPublic)
            {
                if (!anonymous)
                {
                    problems.Add($"{route}: {resource} is open to anybody but the route is not");
                }

                continue;
            }

            var expected = IsApi(route) ? resource.ApiPolicy : resource.Policy;
            if (anonymous || policies.Count != 1 || policies[0] != expected)
            {
                problems.Add($"{route}: {resource} needs exactly policy {expected}, the route has [{string.Join(", ", policies)}]{(anonymous ? " and allows anonymous" : "")}");
            }
        }

        endpoints.Should().Contain(e => e.RoutePattern.RawText!.TrimStart('/') == "Cohorts/Index" || e.RoutePattern.RawText!.TrimStart('/') == "Cohorts", "pages are among the routes walked");
        endpoints.Should().Contain(e => e.RoutePattern.RawText!.Contains("cohorts.csv", StringComparison.Ordinal), "exports are among them");
        endpoints.Should().Contain(e => e.RoutePattern.RawText!.Contains("api/v1/cohorts", StringComparison.Ordinal), "API calls are among them");
        problems.Should().BeEmpty();
    }

    [Fact]
    public void Every_resource_of_the_table_is_reached_by_some_route()
    {
        var reached = Endpoints().Select(e => e.Metadata.GetMetadata<AppResource>()).OfType<AppResource>().ToHashSet();

        AppResources.All.Should().OnlyContain(resource => reached.Contains(resource), "a rule nobody reaches is a rule out of date");
    }

    [Fact]
    public async Task Each_role_gets_the_same_answer_from_a_resources_pages_exports_and_api()
    {
        var routes = Endpoints()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => (Route: e.RoutePattern.RawText!.TrimStart('/'), Resource: e.Metadata.GetMetadata<AppResource>()!))
            .Where(r => !StaticFilePattern().IsMatch(r.Route))
            .DistinctBy(r => r.Route)
            .ToList();
        var disagreements = new List<string>();

        foreach (var role in CltvRoles.All)
        {
            using var cookie = await App.SignedInClientAsync(role);
            using var token = await TokenClientAsync(role);
            foreach (var (route, resource) in routes)
            {
                var url = "/" + ParameterPattern().Replace(route, m => SampleValue(m.Value));
                var answers = new List<(string How, HttpStatusCode Status)> { ("page/export/cookie", (await cookie.GetAsync(url)).StatusCode) };
                if (IsApi(route))
                {
                    answers[0] = ("api/cookie", answers[0].Status);
                    answers.Add(("api/token", (await token.GetAsync(url)).StatusCode));
                }

                foreach (var (how, status) in answers)
                {
                    var allowed = status is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized);
                    if (allowed != resource.Admits(role))
                    {
                        disagreements.Add($"{role} {how} GET {url} ({resource}, for {resource.Role ?? "anybody"} and above): {(int)status}");
                    }
                }
            }
        }

        routes.Select(r => r.Resource).Distinct().Should().Contain([AppResources.Cohorts, AppResources.Customers, AppResources.Users, AppResources.Jobs]);
        disagreements.Should().BeEmpty();
    }

    [Fact]
    public async Task Each_role_gets_the_resources_answer_from_the_apis_posts_and_anonymous_callers_401()
    {
        var posts = Endpoints()
            .Where(e => IsApi(e.RoutePattern.RawText!) && e.Metadata.GetMetadata<HttpMethodMetadata>() is { } methods && methods.HttpMethods.Contains("POST"))
            .Select(e => (Route: e.RoutePattern.RawText!, Resource: e.Metadata.GetMetadata<AppResource>()!))
            .ToList();
        var disagreements = new List<string>();
        using var anonymous = App.CreateAnonymousClient();

        foreach (var role in CltvRoles.All)
        {
            using var cookie = await App.SignedInClientAsync(role);
            using var token = await TokenClientAsync(role);
            foreach (var (route, resource) in posts)
            {
                foreach (var (how, client) in new[] { ("cookie", cookie), ("token", token) })
                {
                    // An empty batch: let in, it is refused for what it holds (422), never stored.
                    var status = (await client.PostAsync(route, new StringContent("{\"orders\":[]}", System.Text.Encoding.UTF8, "application/json"))).StatusCode;
                    var allowed = status is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized);
                    if (allowed != resource.Admits(role))
                    {
                        disagreements.Add($"{role} {how} POST {route} ({resource}, for {resource.Role} and above): {(int)status}");
                    }
                }
            }
        }

        foreach (var (route, _) in posts)
        {
            var status = (await anonymous.PostAsync(route, new StringContent("{\"orders\":[]}", System.Text.Encoding.UTF8, "application/json"))).StatusCode;
            if (status != HttpStatusCode.Unauthorized)
            {
                disagreements.Add($"anonymous POST {route}: {(int)status}");
            }
        }

        posts.Select(p => p.Route).Should().Contain("/api/v1/transactions");
        disagreements.Should().BeEmpty();
    }

    [Fact]
    public async Task An_owner_is_refused_the_cohorts_page_export_and_api_alike_and_an_analyst_none_of_them()
    {
        using var owner = await App.SignedInClientAsync(CltvRoles.Owner);
        using var ownerToken = await TokenClientAsync(CltvRoles.Owner);
        using var analyst = await App.SignedInClientAsync(CltvRoles.Analyst);
        using var analystToken = await TokenClientAsync(CltvRoles.Analyst);

        (await owner.GetAsync("/Cohorts")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await owner.GetAsync("/exports/cohorts.csv")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await owner.GetAsync("/api/v1/cohorts")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ownerToken.GetAsync("/api/v1/cohorts")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await analyst.GetAsync("/Cohorts")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await analyst.GetAsync("/exports/cohorts.csv")).StatusCode.Should().Be(HttpStatusCode.NotFound, "let in, and no run yet");
        (await analyst.GetAsync("/api/v1/cohorts")).StatusCode.Should().Be(HttpStatusCode.NotFound, "let in, and no run yet");
        (await analystToken.GetAsync("/api/v1/cohorts")).StatusCode.Should().Be(HttpStatusCode.NotFound, "let in, and no run yet");
    }

    // In Development, static assets add a fallback for files built after start ({**path:file}) outside their
    // conventions; it serves files only and is left to the fallback policy (signed-in users).
    private List<RouteEndpoint> Endpoints() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.Contains(":file}", StringComparison.Ordinal))
            .ToList();

    private async Task<HttpClient> TokenClientAsync(string role)
    {
        var email = await App.CreateUserAsync(role);
        await using var scope = App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CltvUser>>().FindByEmailAsync(email);
        var created = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(user!.Id, null, "rules", null);
        var client = App.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);
        return client;
    }

    // The JSON API is the one part that takes API tokens, under its own policies.
    private static bool IsApi(string route) => route.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal) || route.Contains("openapi.json", StringComparison.Ordinal);

    // A value each parameter accepts; "404" asks the status page for a status that is not a refusal.
    private static string SampleValue(string parameter) =>
        parameter.Contains(":guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString()
        : parameter.Contains("segmentation", StringComparison.Ordinal) ? "rfm"
        : parameter.Contains("documentName", StringComparison.Ordinal) ? "v1"
        : parameter.Contains("code", StringComparison.Ordinal) ? "404"
        : parameter.StartsWith("{**id", StringComparison.Ordinal) ? "7592"
        : parameter.StartsWith("{*", StringComparison.Ordinal) ? ""
        : "1";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"\.(css|js|map|ico|png|svg|woff2?|gz|br)$", RegexOptions.IgnoreCase)]
    private static partial Regex StaticFilePattern();
}
