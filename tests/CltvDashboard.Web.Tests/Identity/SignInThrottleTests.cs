using CltvDashboard.Web.Configuration;
using CltvDashboard.Web.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Tests.Identity;

public sealed class SignInThrottleTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Waits_double_after_the_free_attempts_up_to_the_limit()
    {
        var throttle = Throttle(freeAttempts: 3, maxDelaySeconds: 60);

        var waits = new List<double>();
        for (var failures = 0; failures < 12;)
        {
            if (throttle.Begin("203.0.113.9", "owner@example.com").Wait is { } wait)
            {
                waits.Add(wait.TotalSeconds);
                _clock.Advance(wait);
            }
            else
            {
                failures++;
            }
        }

        waits.Should().Equal(1, 2, 4, 8, 16, 32, 60, 60, 60);
    }

    [Fact]
    public void A_stranger_holds_the_owner_up_for_at_most_the_account_limit_and_the_owner_then_gets_in()
    {
        var throttle = Throttle(freeAttempts: 3, maxDelaySeconds: 900, accountMaxDelaySeconds: 30);
        for (var failures = 0; failures < 20;)
        {
            if (throttle.Begin("203.0.113.9", "owner@example.com").Wait is { } wait)
            {
                _clock.Advance(wait);
            }
            else
            {
                failures++;
            }
        }

        var owner = throttle.Begin("198.51.100.7", "Owner@Example.com ");

        owner.Wait.Should().NotBeNull();
        owner.Wait!.Value.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
        _clock.Advance(owner.Wait!.Value);
        var retry = throttle.Begin("198.51.100.7", "owner@example.com");
        retry.Wait.Should().BeNull("nothing but the account's own short limit applies from another address");
        throttle.Succeeded(retry);
        throttle.Begin("198.51.100.7", "owner@example.com").Wait.Should().BeNull("signing in clears the account's count");
    }

    [Fact]
    public void Parallel_guesses_are_counted_before_any_password_is_checked()
    {
        var throttle = Throttle(freeAttempts: 3, maxDelaySeconds: 60);

        var answers = Enumerable.Range(0, 5).Select(_ => throttle.Begin("203.0.113.9", "owner@example.com")).ToList();

        answers.Count(a => a.Wait is null).Should().Be(3, "each pass counts as a failure until it succeeds");
    }

    [Fact]
    public void Guessing_many_accounts_from_one_address_is_slowed_down_too()
    {
        var throttle = Throttle(freeAttempts: 3, maxDelaySeconds: 60, freeAttemptsPerAddress: 10);

        var answers = Enumerable.Range(0, 11).Select(i => throttle.Begin("203.0.113.9", $"user{i}@example.com")).ToList();

        answers.Take(10).Should().OnlyContain(a => a.Wait == null);
        answers[10].Wait.Should().Be(TimeSpan.FromSeconds(1));
    }

    private SignInThrottle Throttle(int freeAttempts, int maxDelaySeconds, int accountMaxDelaySeconds = 30, int freeAttemptsPerAddress = 1000) =>
        new(Options.Create(new CltvWebOptions
        {
            SignInFreeAttempts = freeAttempts,
            SignInMaxDelaySeconds = maxDelaySeconds,
            SignInAccountMaxDelaySeconds = accountMaxDelaySeconds,
            SignInFreeAttemptsPerAddress = freeAttemptsPerAddress,
        }), _clock);
}
