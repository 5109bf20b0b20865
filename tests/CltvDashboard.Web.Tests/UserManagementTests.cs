using System.Net;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Tests;

/// <summary>Role changes, lock-outs and new passwords end the user's open sessions at their next request; the page lists users in a fixed number of queries.</summary>
public abstract class UserManagementTests(InstrumentedApp fixture)
{
    private InstrumentedApp Fixture => fixture;

    private CltvWebFactory App => fixture.App;

    [Fact]
    public void Page_reads_rely_on_a_session_check_for_at_most_a_few_seconds()
    {
        using var scope = App.Services.CreateScope();
        var configured = scope.ServiceProvider.GetRequiredService<IOptions<Configuration.CltvWebOptions>>().Value.SessionCheckSeconds;

        new Configuration.CltvWebOptions().SessionCheckSeconds.Should().Be(5);
        configured.Should().Be(0, "this host is configured to check every request");
    }

    [Fact]
    public async Task Resetting_an_admin_from_the_server_ends_their_open_sessions()
    {
        var (admin, email) = await SignedInWithEmailAsync(CltvRoles.Admin);
        (await admin.GetAsync("/Users")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var change = await scope.ServiceProvider.GetRequiredService<UserAccounts>().ResetAdminAsync(email, "Another-Horse-8");
            change.Succeeded.Should().BeTrue(change.Message);
        }

        var response = await admin.GetAsync("/Users");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/SignIn", "a new password ends the sessions of the old one");
    }

    [Fact]
    public async Task Changing_a_role_renews_the_users_security_stamp()
    {
        var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var analyst = await App.CreateUserAsync(CltvRoles.Analyst);
        var (userId, before) = await StampAsync(analyst);

        await CltvWebFactory.PostFormAsync(admin, "/Users", new() { ["userId"] = userId, ["role"] = CltvRoles.Owner }, "/Users?handler=Role");

        var (_, after) = await StampAsync(analyst);
        after.Should().NotBe(before);
    }

    [Fact]
    public async Task A_demoted_admin_loses_the_admin_pages_at_once()
    {
        var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var (demoted, demotedEmail) = await SignedInWithEmailAsync(CltvRoles.Admin);
        (await demoted.GetAsync("/Users")).StatusCode.Should().Be(HttpStatusCode.OK);
        var (userId, _) = await StampAsync(demotedEmail);

        await CltvWebFactory.PostFormAsync(admin, "/Users", new() { ["userId"] = userId, ["role"] = CltvRoles.Owner }, "/Users?handler=Role");

        var response = await demoted.GetAsync("/Users");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/SignIn", "the old session ends; signing in again gives the new role");
    }

    [Fact]
    public async Task A_locked_user_is_signed_out_of_open_sessions()
    {
        var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var (locked, email) = await SignedInWithEmailAsync(CltvRoles.Analyst);
        (await locked.GetAsync("/Runs")).StatusCode.Should().Be(HttpStatusCode.OK);
        var (userId, _) = await StampAsync(email);

        await CltvWebFactory.PostFormAsync(admin, "/Users", new() { ["userId"] = userId, ["locked"] = "true" }, "/Users?handler=Lock");

        var response = await locked.GetAsync("/Runs");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/SignIn");
    }

    [Fact]
    public async Task The_users_page_reads_roles_in_one_query_however_many_users_there_are()
    {
        var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        await admin.GetStringAsync("/Users");
        var few = await QueriesForAsync(admin, "/Users");
        foreach (var role in CltvRoles.All.Concat(CltvRoles.All))
        {
            await App.CreateUserAsync(role);
        }

        var many = await QueriesForAsync(admin, "/Users");

        many.Should().Be(few, "six more users add no query");
        (await admin.GetStringAsync("/Users")).Should().Contain(CltvRoles.Analyst).And.Contain(CltvRoles.Owner);
    }

    private async Task<int> QueriesForAsync(HttpClient client, string url)
    {
        var before = Fixture.Commands.Count;
        (await client.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.OK);
        return Fixture.Commands.Count - before;
    }

    private async Task<(HttpClient Client, string Email)> SignedInWithEmailAsync(string role)
    {
        var email = await App.CreateUserAsync(role);
        var client = App.CreateAnonymousClient();
        var response = await CltvWebFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Email"] = email, ["Password"] = CltvWebFactory.Password });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (client, email);
    }

    private async Task<(string Id, string? Stamp)> StampAsync(string email)
    {
        await using var context = App.CreateContext();
        var user = await context.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        return (user.Id, user.SecurityStamp);
    }
}
