using System.Net;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests;

public abstract class SetupTests(AppFixture fixture)
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task Sign_in_points_to_setup_until_the_setup_token_creates_the_first_admin_once()
    {
        var token = App.SetupToken;
        token.Should().NotBeNullOrEmpty();
        var client = App.CreateAnonymousClient();
        (await client.GetStringAsync("/Account/SignIn")).Should().Contain("id=\"setup-hint\"").And.Contain("href=\"/Setup\"").And.Contain("setup token");
        (await client.GetAsync("/Setup")).StatusCode.Should().Be(HttpStatusCode.OK);

        var wrong = await CltvWebFactory.PostFormAsync(
            client, "/Setup", new() { ["Token"] = "not-the-token", ["Email"] = "first@example.com", ["Password"] = CltvWebFactory.Password });
        wrong.StatusCode.Should().Be(HttpStatusCode.OK);
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("not the one in the server log");

        var right = await CltvWebFactory.PostFormAsync(
            client, "/Setup", new() { ["Token"] = token!, ["Email"] = "first@example.com", ["Password"] = CltvWebFactory.Password });
        right.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/Users")).StatusCode.Should().Be(HttpStatusCode.OK, "the new Admin is signed in");

        var again = App.CreateAnonymousClient();
        (await again.GetStringAsync("/Account/SignIn")).Should().NotContain("setup-hint", "a user exists: the setup page is gone");
        var closed = await again.GetAsync("/Setup");
        closed.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await closed.Content.ReadAsStringAsync()).Should().Contain("The first Admin exists already").And.Contain("href=\"/Account/SignIn\">Sign in</a>");
        var replay = await again.PostAsync("/Setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Token"] = token!,
            ["Email"] = "second@example.com",
            ["Password"] = CltvWebFactory.Password,
        }));
        replay.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
        App.SetupToken.Should().BeNull();

        await using var context = App.CreateContext();
        var users = await context.Users.Select(u => u.Email).ToListAsync();
        users.Should().Equal("first@example.com");
        var adminRole = await context.Roles.SingleAsync(r => r.Name == CltvRoles.Admin);
        (await context.UserRoles.CountAsync(ur => ur.RoleId == adminRole.Id)).Should().Be(1);
    }
}
