using System.Globalization;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Cli.Tests;

/// <summary><c>cltv token create</c> and <c>cltv token revoke</c>: the Users page's API tokens, from the server, on a store of each provider.</summary>
public abstract class TokenCommandTests : IAsyncLifetime
{
    private const string Email = "integrations@example.com";

    /// <summary>The store: a SQLite file or a PostgreSQL connection string.</summary>
    protected string Database { get; set; } = "";

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    [Fact]
    public async Task Create_prints_a_secret_once_that_the_api_accepts_until_its_last_day_and_stores_only_its_hash()
    {
        CreateUser();
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);

        var run = CliRun.Of("token", "create", "-d", Database, "--user", Email, "--name", "shop push", "--expires", lastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "-q");

        run.ExitCode.Should().Be(0, run.Error);
        var secret = run.Output.Trim();
        secret.Should().MatchRegex("^cltv_[A-Za-z0-9_-]{43}$");
        await using var context = CltvDatabase.CreateContext(Database);
        var user = await context.Users.SingleAsync(u => u.Email == Email);
        var stored = await context.Set<ApiToken>().AsNoTracking().SingleAsync();
        stored.UserId.Should().Be(user.Id);
        stored.Name.Should().Be("shop push");
        stored.SecretHash.Should().Be(ApiTokenService.Hash(secret));
        stored.ExpiresAtUtc.Should().Be(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), "the token works through the whole of its last day");
        (await new ApiTokenService(context, TimeProvider.System).FindValidAsync(secret)).Should().NotBeNull("it is the same token as the Users page makes");
    }

    [Fact]
    public async Task Revoke_by_the_listed_prefix_stops_the_token_at_once()
    {
        CreateUser();
        var secret = CliRun.Of("token", "create", "-d", Database, "--user", Email, "--name", "to revoke", "-q").Output.Trim();
        var prefix = secret[..ApiTokenService.DisplayPrefixLength];

        var run = CliRun.Of("token", "revoke", "-d", Database, "--prefix", prefix, "-q");

        run.ExitCode.Should().Be(0, run.Error);
        run.Error.Should().Contain("Revoked the API token to revoke");
        await using var context = CltvDatabase.CreateContext(Database);
        (await new ApiTokenService(context, TimeProvider.System).FindValidAsync(secret)).Should().BeNull();
    }

    [Fact]
    public async Task Create_refuses_an_unknown_user_and_a_past_last_day_and_revoke_an_unknown_prefix_changing_nothing()
    {
        CreateUser();
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var unknownUser = CliRun.Of("token", "create", "-d", Database, "--user", "nobody@example.com", "--name", "x", "-q");
        var past = CliRun.Of("token", "create", "-d", Database, "--user", Email, "--name", "x", "--expires", yesterday, "-q");
        var unknownPrefix = CliRun.Of("token", "revoke", "-d", Database, "--prefix", "cltv_0000000", "-q");

        unknownUser.ExitCode.Should().Be(2);
        unknownUser.Error.Should().Contain("no user has the e-mail address nobody@example.com");
        past.ExitCode.Should().Be(2);
        past.Error.Should().Contain("cannot be in the past");
        unknownPrefix.ExitCode.Should().Be(2);
        unknownPrefix.Error.Should().Contain("no API token starts with 'cltv_0000000'");
        (unknownUser.Output + past.Output).Should().BeEmpty("no secret is printed when nothing was created");
        await using var context = CltvDatabase.CreateContext(Database);
        (await context.Set<ApiToken>().AnyAsync()).Should().BeFalse();
    }

    // The command line's own way to make a user.
    private void CreateUser() => CliRun.Of("users", "reset-admin", "-d", Database, "--email", Email, "-q").ExitCode.Should().Be(0);
}
