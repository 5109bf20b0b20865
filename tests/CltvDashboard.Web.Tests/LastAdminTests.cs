using System.Net;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests;

/// <summary>The store always keeps an unlocked Admin, however changes race; each test has a store of its own.</summary>
public abstract class LastAdminTests
{
    /// <summary>The provider under test.</summary>
    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task The_last_unlocked_admin_cannot_be_demoted_or_locked()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await using var app = new CltvWebFactory(database);
        var last = await app.CreateUserAsync(CltvRoles.Admin);
        var locked = await app.CreateUserAsync(CltvRoles.Admin);
        (await ChangeAsync(app, accounts => accounts.SetLockedAsync(null, Id(app, locked), true))).Succeeded.Should().BeTrue();

        var demotion = await ChangeAsync(app, accounts => accounts.SetRoleAsync(null, Id(app, last), CltvRoles.Owner));
        var lockout = await ChangeAsync(app, accounts => accounts.SetLockedAsync(null, Id(app, last), true));

        demotion.Succeeded.Should().BeFalse();
        demotion.Message.Should().Contain(last).And.Contain("last unlocked Admin");
        lockout.Succeeded.Should().BeFalse();
        (await UnlockedAdminsAsync(app)).Should().Equal(last);
    }

    [Fact]
    public async Task Demoting_the_two_last_admins_at_the_same_moment_keeps_one()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await using var app = new CltvWebFactory(database);
        var first = await app.CreateUserAsync(CltvRoles.Admin);
        var second = await app.CreateUserAsync(CltvRoles.Admin);

        var changes = await Task.WhenAll(
            Task.Run(() => ChangeAsync(app, accounts => accounts.SetRoleAsync(null, Id(app, first), CltvRoles.Owner))),
            Task.Run(() => ChangeAsync(app, accounts => accounts.SetRoleAsync(null, Id(app, second), CltvRoles.Owner))));

        changes.Count(c => c.Succeeded).Should().Be(1, "the second change sees the first in the same transaction as its check");
        (await UnlockedAdminsAsync(app)).Should().ContainSingle();
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_on_the_users_page_at_the_same_moment_leave_one_admin()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await using var app = new CltvWebFactory(database);
        var (survivor, survivorEmail) = await SignedInAsync(app, CltvRoles.Admin);
        for (var round = 0; round < 3; round++)
        {
            var (rival, rivalEmail) = await SignedInAsync(app, CltvRoles.Admin);
            var survivorToken = await CltvWebFactory.AntiforgeryTokenAsync(survivor, "/Users");
            var rivalToken = await CltvWebFactory.AntiforgeryTokenAsync(rival, "/Users");

            await Task.WhenAll(
                survivor.PostAsync("/Users?handler=Role", Demote(survivorToken, Id(app, rivalEmail))),
                rival.PostAsync("/Users?handler=Role", Demote(rivalToken, Id(app, survivorEmail))));

            var admins = await UnlockedAdminsAsync(app);
            admins.Should().ContainSingle($"round {round}: one of the two changes must lose");
            (survivor, survivorEmail) = admins[0] == survivorEmail ? (survivor, survivorEmail) : (rival, rivalEmail);
        }
    }

    private static FormUrlEncodedContent Demote(string formToken, string userId) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = formToken,
        ["userId"] = userId,
        ["role"] = CltvRoles.Owner,
    });

    private static async Task<(HttpClient Client, string Email)> SignedInAsync(CltvWebFactory app, string role)
    {
        var email = await app.CreateUserAsync(role);
        var client = app.CreateAnonymousClient();
        (await CltvWebFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Email"] = email, ["Password"] = CltvWebFactory.Password }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (client, email);
    }

    private static async Task<AccountChange> ChangeAsync(CltvWebFactory app, Func<UserAccounts, Task<AccountChange>> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<UserAccounts>());
    }

    private static string Id(CltvWebFactory app, string email)
    {
        using var context = app.CreateContext();
        return context.Users.Single(u => u.Email == email).Id;
    }

    private static async Task<List<string>> UnlockedAdminsAsync(CltvWebFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var context = scope.ServiceProvider.GetRequiredService<CltvDbContext>();
        var admins = new List<string>();
        foreach (var user in await context.Users.AsNoTracking().ToListAsync())
        {
            if (await accounts.IsUnlockedAdminAsync(user.Id))
            {
                admins.Add(user.Email!);
            }
        }

        return admins;
    }
}
