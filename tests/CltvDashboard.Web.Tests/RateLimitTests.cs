using System.Net;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_are_refused_with_429()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CltvWebFactory(database, new Dictionary<string, string> { ["Cltv:SignInAttemptsPerMinute"] = "3" });
        var client = app.CreateAnonymousClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var response = await CltvWebFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Email"] = "nobody@example.com", ["Password"] = "wrong-password" });
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/Account/SignIn")).StatusCode.Should().Be(HttpStatusCode.OK, "reading the page is not limited");
    }

    [Fact]
    public async Task Demo_loads_beyond_the_upload_limit_are_refused_with_429()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CltvWebFactory(database, new Dictionary<string, string> { ["Cltv:UploadsPerMinute"] = "3" });
        var client = await app.SignedInClientAsync(CltvRoles.Analyst);
        var formToken = await CltvWebFactory.AntiforgeryTokenAsync(client, "/Runs");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var response = await client.PostAsync(
                "/?handler=LoadDemo", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = formToken }));
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "reading the start page is not limited");
    }
}
