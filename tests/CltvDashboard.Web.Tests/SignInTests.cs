using System.Net;
using System.Text.RegularExpressions;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Pages.Account;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests;

/// <summary>Sign-in tells nobody which accounts exist, and wrong passwords slow guessing down without locking anyone out.</summary>
public abstract partial class SignInTests(AppFixture fixture)
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task Unknown_address_wrong_password_and_locked_account_get_the_same_answer()
    {
        var known = await App.CreateUserAsync(CltvRoles.Owner);
        var locked = await App.CreateUserAsync(CltvRoles.Owner);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await using var context = App.CreateContext();
            var lockedId = (await context.Users.SingleAsync(u => u.Email == locked)).Id;
            (await scope.ServiceProvider.GetRequiredService<UserAccounts>().SetLockedAsync(null, lockedId, true)).Succeeded.Should().BeTrue();
        }

        var unknown = await AnswerAsync(App.CreateAnonymousClient(), $"nobody-{Guid.NewGuid():N}@example.com", CltvWebFactory.Password);
        var wrong = await AnswerAsync(App.CreateAnonymousClient(), known, "wrong-password-1");
        var lockedOut = await AnswerAsync(App.CreateAnonymousClient(), locked, CltvWebFactory.Password);

        unknown.Status.Should().Be(HttpStatusCode.OK);
        unknown.Page.Should().Contain(SignInModel.FailedMessage);
        wrong.Should().Be(unknown);
        lockedOut.Should().Be(unknown, "an Admin's lock answers like a wrong password");
    }

    [Fact]
    public async Task Many_wrong_passwords_slow_the_guesser_down_and_hold_the_owner_up_for_seconds_only()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(fixture.Provider);
        await using var app = new CltvWebFactory(
            database,
            new Dictionary<string, string> { ["Cltv:SignInFreeAttempts"] = "3", ["Cltv:SignInAccountMaxDelaySeconds"] = "30" },
            services: services => services.AddSingleton<TimeProvider>(clock));
        var owner = await app.CreateUserAsync(CltvRoles.Admin);
        var stranger = app.CreateClientFrom("203.0.113.9");

        var waits = new List<int>();
        for (var failures = 0; failures < 10;)
        {
            var answer = await CltvWebFactory.PostFormAsync(stranger, "/Account/SignIn", new() { ["Email"] = owner, ["Password"] = "wrong-password-1" });
            if (answer.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var seconds = int.Parse(answer.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
                waits.Add(seconds);
                clock.Advance(TimeSpan.FromSeconds(seconds));
            }
            else
            {
                answer.StatusCode.Should().Be(HttpStatusCode.OK);
                failures++;
            }
        }

        waits.Should().Equal([1, 2, 4, 8, 16, 32, 64], "each wrong password past the third doubles the wait at that address");
        var ownerClient = app.CreateClientFrom("198.51.100.7");
        var held = TimeSpan.Zero;
        while (true)
        {
            var answer = await CltvWebFactory.PostFormAsync(ownerClient, "/Account/SignIn", new() { ["Email"] = owner, ["Password"] = CltvWebFactory.Password });
            if (answer.StatusCode != HttpStatusCode.TooManyRequests)
            {
                answer.StatusCode.Should().Be(HttpStatusCode.Redirect, "the account was never locked");
                break;
            }

            var wait = TimeSpan.FromSeconds(int.Parse(answer.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture));
            held += wait;
            held.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(30), "a stranger holds the owner up for the account's limit at most");
            clock.Advance(wait);
        }

        await using var context = app.CreateContext();
        (await context.Users.SingleAsync(u => u.Email == owner)).LockoutEnd.Should().BeNull();
    }

    [Fact]
    public async Task An_address_without_an_account_is_slowed_down_exactly_like_one_with_an_account()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(fixture.Provider);
        await using var app = new CltvWebFactory(
            database, new Dictionary<string, string> { ["Cltv:SignInFreeAttempts"] = "2" }, services: services => services.AddSingleton<TimeProvider>(clock));
        var known = await app.CreateUserAsync(CltvRoles.Owner);

        async Task<List<string>> GuessAsync(string email, string address)
        {
            var client = app.CreateClientFrom(address);
            var answers = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                var answer = await CltvWebFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Email"] = email, ["Password"] = "wrong-password-1" });
                answers.Add($"{(int)answer.StatusCode} {string.Join(",", answer.Headers.TryGetValues("Retry-After", out var retry) ? retry : [])}");
            }

            return answers;
        }

        var forKnown = await GuessAsync(known, "203.0.113.9");
        var forUnknown = await GuessAsync($"nobody-{Guid.NewGuid():N}@example.com", "203.0.113.10");

        forKnown.Should().Equal(forUnknown);
        forKnown.Should().Contain(a => a.StartsWith("429", StringComparison.Ordinal));
    }

    private static async Task<(HttpStatusCode Status, string Page)> AnswerAsync(HttpClient client, string email, string password)
    {
        var response = await CltvWebFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Email"] = email, ["Password"] = password });
        var page = await response.Content.ReadAsStringAsync();
        // The typed address and the form's token differ by request; everything else must not.
        return (response.StatusCode, ValuePattern().Replace(page, "value=\"…\""));
    }

    [GeneratedRegex("value=\"[^\"]*\"")]
    private static partial Regex ValuePattern();
}
