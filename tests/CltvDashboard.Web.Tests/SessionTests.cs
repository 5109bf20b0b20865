using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests;

/// <summary>
/// Open sessions against the store, on a host whose page reads may rely on a check made up to 30 s before: every post
/// still asks the store, and a change to the user or a sign-out is refused on the next request.
/// </summary>
public abstract class SessionTests(SessionApp fixture)
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task A_locked_and_demoted_admin_cannot_create_users_or_mint_tokens_from_an_open_session()
    {
        var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var (demoted, demotedEmail) = await SignedInAsync(CltvRoles.Admin);
        var owner = await App.CreateUserAsync(CltvRoles.Owner);
        // The forms' token is taken while still an Admin, as an open tab would hold it.
        var formToken = await CltvWebFactory.AntiforgeryTokenAsync(demoted, "/Users");
        var demotedId = await UserIdAsync(demotedEmail);

        (await CltvWebFactory.PostFormAsync(admin, "/Users", new() { ["userId"] = demotedId, ["locked"] = "true" }, "/Users?handler=Lock"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await CltvWebFactory.PostFormAsync(admin, "/Users", new() { ["userId"] = demotedId, ["role"] = CltvRoles.Owner }, "/Users?handler=Role"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var backdoor = $"backdoor-{Guid.NewGuid():N}@example.com";
        var tokenName = $"keep access {Guid.NewGuid():N}";

        var created = await demoted.PostAsync("/Users?handler=Create", Form(formToken, new()
        {
            ["NewEmail"] = backdoor, ["NewPassword"] = CltvWebFactory.Password, ["NewRole"] = CltvRoles.Admin,
        }));
        var minted = await demoted.PostAsync("/Users?handler=CreateToken", Form(formToken, new()
        {
            ["NewTokenUserId"] = await UserIdAsync(owner), ["NewTokenName"] = tokenName,
        }));

        IsSentToSignIn(created).Should().BeTrue($"the session ended with the lock, was {(int)created.StatusCode} {created.Headers.Location}");
        IsSentToSignIn(minted).Should().BeTrue($"the session ended with the lock, was {(int)minted.StatusCode} {minted.Headers.Location}");
        await using var context = App.CreateContext();
        (await context.Users.AnyAsync(u => u.Email == backdoor)).Should().BeFalse();
        (await context.Set<ApiToken>().AnyAsync(t => t.Name == tokenName)).Should().BeFalse();
        IsSentToSignIn(await demoted.GetAsync("/Overview")).Should().BeTrue("reads end with the session too");
    }

    [Fact]
    public async Task A_demoted_analyst_cannot_upload_from_an_open_session_while_its_reads_rely_on_a_recent_check()
    {
        var (analyst, email) = await SignedInAsync(CltvRoles.Analyst);
        // A read checks the session and lets the next reads rely on that check for 30 s.
        var formToken = await CltvWebFactory.AntiforgeryTokenAsync(analyst, "/Upload");

        // Demoted by another instance: the store changes, this instance's memory of the check does not.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var change = await scope.ServiceProvider.GetRequiredService<UserAccounts>().SetRoleAsync(null, await UserIdAsync(email), CltvRoles.Owner);
            change.Succeeded.Should().BeTrue(change.Message);
        }

        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(formToken), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("customer_id,date,amount\ndemoted-1,2024-01-05,10.00\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "after-demotion.csv");
        var upload = await analyst.PostAsync("/Upload", form);

        IsSentToSignIn(upload).Should().BeTrue($"an upload is a post and asks the store, was {(int)upload.StatusCode} {upload.Headers.Location}");
        var uploads = Path.Combine(App.DataFolder, "uploads");
        (Directory.Exists(uploads) ? Directory.GetFiles(uploads, "*.json").Select(File.ReadAllText) : [])
            .Should().NotContain(description => description.Contains("after-demotion.csv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replaying_the_session_cookie_after_sign_out_is_refused()
    {
        var email = await App.CreateUserAsync(CltvRoles.Owner);
        var cookies = new CookieContainer();
        var browser = App.CreateDefaultClient(new CookieContainerHandler(cookies));
        (await CltvWebFactory.PostFormAsync(browser, "/Account/SignIn", new() { ["Email"] = email, ["Password"] = CltvWebFactory.Password }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var copied = cookies.GetCookies(App.Server.BaseAddress)["cltv.auth"]!.Value;
        var replay = App.CreateDefaultClient();
        replay.DefaultRequestHeaders.Add("Cookie", $"cltv.auth={copied}");
        (await replay.GetAsync("/Overview")).StatusCode.Should().Be(HttpStatusCode.OK, "the copy works while the session lasts");

        (await CltvWebFactory.PostFormAsync(browser, "/Account/SignOut", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        IsSentToSignIn(await replay.GetAsync("/Overview")).Should().BeTrue("signing out ends the session on the server");
        IsSentToSignIn(await replay.GetAsync("/exports/customers.csv")).Should().BeTrue();
        await using var context = App.CreateContext();
        var userId = await UserIdAsync(email);
        (await context.Set<UserSession>().AnyAsync(s => s.UserId == userId)).Should().BeFalse();
    }

    [Fact]
    public async Task Tokens_created_by_an_admin_since_demoted_are_listed_for_review_and_still_work()
    {
        var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var (demoted, demotedEmail) = await SignedInAsync(CltvRoles.Admin);
        var owner = await App.CreateUserAsync(CltvRoles.Owner);
        var suspect = $"suspect {Guid.NewGuid():N}";
        var trusted = $"trusted {Guid.NewGuid():N}";
        var secret = await CreateTokenAsync(demoted, owner, suspect);
        await CreateTokenAsync(admin, owner, trusted);

        (await CltvWebFactory.PostFormAsync(admin, "/Users", new() { ["userId"] = await UserIdAsync(demotedEmail), ["role"] = CltvRoles.Owner }, "/Users?handler=Role"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);

        var page = await admin.GetStringAsync("/Users");
        var review = page[page.IndexOf("data-testid=\"tokens-to-review\"", StringComparison.Ordinal)..];
        review = review[..review.IndexOf("</section>", StringComparison.Ordinal)];
        review.Should().Contain(suspect).And.Contain($"created by {demotedEmail}, now Owner").And.NotContain(trusted);
        var script = App.CreateAnonymousClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await script.GetAsync("/api/v1/runs")).StatusCode.Should().Be(HttpStatusCode.OK, "a token acts as its own user, whoever created it");
    }

    private async Task<(HttpClient Client, string Email)> SignedInAsync(string role)
    {
        var email = await App.CreateUserAsync(role);
        var client = App.CreateAnonymousClient();
        (await CltvWebFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Email"] = email, ["Password"] = CltvWebFactory.Password }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (client, email);
    }

    private async Task<string> CreateTokenAsync(HttpClient admin, string email, string name)
    {
        var response = await CltvWebFactory.PostFormAsync(
            admin, "/Users", new() { ["NewTokenUserId"] = await UserIdAsync(email), ["NewTokenName"] = name }, "/Users?handler=CreateToken");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var start = html.IndexOf("cltv_", html.IndexOf("data-testid=\"api-token-secret\"", StringComparison.Ordinal), StringComparison.Ordinal);
        return html.Substring(start, 48);
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var context = App.CreateContext();
        return (await context.Users.SingleAsync(u => u.Email == email)).Id;
    }

    private static FormUrlEncodedContent Form(string formToken, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = formToken;
        return new FormUrlEncodedContent(fields);
    }

    private static bool IsSentToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/SignIn", StringComparison.Ordinal);
}
