using System.Net;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests.Jobs;

/// <summary>Requests to the jobs dashboard that Hangfire cannot answer itself, on each provider's job storage.</summary>
public abstract class HangfireDashboardTests(AppFixture fixture)
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task Getting_the_dashboards_stats_endpoint_is_refused_as_a_wrong_method_not_an_error()
    {
        using var admin = await App.SignedInClientAsync(CltvRoles.Admin);

        using var response = await admin.GetAsync("/hangfire/stats");

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Equal("POST");
        (await admin.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.OK, "the dashboard itself still answers");
    }

    [Fact]
    public async Task The_stats_endpoint_stays_Admin_only()
    {
        using var analyst = await App.SignedInClientAsync(CltvRoles.Analyst);

        using var response = await analyst.GetAsync("/hangfire/stats");

        response.StatusCode.Should().NotBe(HttpStatusCode.MethodNotAllowed).And.NotBe(HttpStatusCode.OK);
    }
}
