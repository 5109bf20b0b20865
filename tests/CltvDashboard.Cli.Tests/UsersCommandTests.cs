using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Cli.Tests;

/// <summary><c>cltv users reset-admin</c>: the way back in when no Admin can sign in, on a store of each provider.</summary>
public abstract class UsersCommandTests : IAsyncLifetime
{
    private const string Email = "boss@example.com";

    /// <summary>The store: a SQLite file or a PostgreSQL connection string.</summary>
    protected string Database { get; set; } = "";

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    [Fact]
    public async Task Reset_admin_creates_the_admin_with_the_printed_password_when_the_address_is_unknown()
    {
        var run = CliRun.Of("users", "reset-admin", "-d", Database, "--email", Email, "-q");

        run.ExitCode.Should().Be(0, run.Error);
        var password = run.Output.Trim();
        run.Error.Should().Contain($"Created {Email} as an Admin");
        var (user, roles) = await FindAsync();
        roles.Should().Equal(CltvRoles.Admin);
        PasswordWorks(user, password).Should().BeTrue();
    }

    [Fact]
    public async Task Reset_admin_makes_a_locked_demoted_admin_an_unlocked_admin_again_and_ends_its_sessions()
    {
        CliRun.Of("users", "reset-admin", "-d", Database, "--email", Email, "-q").ExitCode.Should().Be(0);
        await using (var context = CltvDatabase.CreateContext(Database))
        {
            var user = await context.Users.SingleAsync(u => u.Email == Email);
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            var owner = await context.Roles.SingleAsync(r => r.Name == CltvRoles.Owner);
            context.UserRoles.RemoveRange(context.UserRoles.Where(r => r.UserId == user.Id));
            context.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = owner.Id });
            context.Set<UserSession>().Add(new UserSession { Id = Guid.NewGuid(), UserId = user.Id, CreatedAtUtc = DateTime.UtcNow, LastSeenAtUtc = DateTime.UtcNow });
            await context.SaveChangesAsync();
        }

        var run = CliRun.Of("users", "reset-admin", "-d", Database, "--email", Email, "-q");

        run.ExitCode.Should().Be(0, run.Error);
        var (restored, roles) = await FindAsync();
        roles.Should().Equal(CltvRoles.Admin);
        restored.LockoutEnd.Should().BeNull();
        PasswordWorks(restored, run.Output.Trim()).Should().BeTrue();
        await using var check = CltvDatabase.CreateContext(Database);
        (await check.Set<UserSession>().AnyAsync(s => s.UserId == restored.Id)).Should().BeFalse("a copied cookie of the account must not outlive the reset");
    }

    [Fact]
    public void Reset_admin_refuses_an_address_that_is_not_one_and_changes_nothing()
    {
        var run = CliRun.Of("users", "reset-admin", "-d", Database, "--email", "not-an-address", "-q");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("not-an-address").And.Contain("invalid");
        run.Output.Should().BeEmpty("no password is printed when nothing was changed");
    }

    private async Task<(CltvUser User, List<string> Roles)> FindAsync()
    {
        await using var context = CltvDatabase.CreateContext(Database);
        var user = await context.Users.AsNoTracking().SingleAsync(u => u.Email == Email);
        var roles = await context.UserRoles.Where(r => r.UserId == user.Id)
            .Join(context.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name!)
            .ToListAsync();
        return (user, roles);
    }

    private static bool PasswordWorks(CltvUser user, string password) =>
        new PasswordHasher<CltvUser>().VerifyHashedPassword(user, user.PasswordHash!, password) != PasswordVerificationResult.Failed;
}
