using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CltvDashboard.Infrastructure.Data.Identity;

/// <summary>
/// Every change to who may do what: creating users, changing a role, locking, resetting an Admin from the server.
/// Each change is one transaction that holds the store's user-change lock, checks that the acting Admin still is one
/// and that an unlocked Admin remains, and ends the user's sessions; the web application and <c>cltv users</c>
/// share it.
/// </summary>
public sealed class UserAccounts
{
    // Serialises user changes on PostgreSQL: two Admins demoting each other at once must not both see the other as
    // the remaining Admin. SQLite begins the transaction IMMEDIATE, which takes the write lock at once.
    private const long UserChangeLockKey = 0x434C_5456_5553_4552; // "CLTVUSER"

    private const string NotAnAdminAnyMore = "Only an unlocked Admin can change users; your account no longer is one.";

    private readonly CltvDbContext _context;
    private readonly UserManager<CltvUser> _users;
    private readonly UserSessions _sessions;
    private readonly TimeProvider _time;

    public UserAccounts(CltvDbContext context, UserManager<CltvUser> users, UserSessions sessions, TimeProvider? time = null)
    {
        _context = context;
        _users = users;
        _sessions = sessions;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Creates a user with a password and one role.</summary>
    /// <param name="email">The e-mail address, also the user name.</param>
    /// <param name="password">The password, checked against Identity's password rules.</param>
    /// <param name="role">One of <see cref="CltvRoles.All"/>.</param>
    /// <param name="actorId">The Admin creating the user, checked to still be an unlocked Admin; null at setup and start-up.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Identity's result; its errors are messages for the form.</returns>
    public async Task<IdentityResult> CreateAsync(string email, string password, string role, string? actorId = null, CancellationToken cancellationToken = default)
    {
        if (!CltvRoles.All.Contains(role))
        {
            return NotARole(role);
        }

        var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            if (actorId is not null && !await IsUnlockedAdminAsync(actorId, cancellationToken).ConfigureAwait(false))
            {
                return IdentityResult.Failed(new IdentityError { Code = "Actor", Description = NotAnAdminAnyMore });
            }

            var user = new CltvUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAtUtc = _time.GetUtcNow().UtcDateTime };
            var created = await _users.CreateAsync(user, password).ConfigureAwait(false);
            var result = created.Succeeded ? await _users.AddToRoleAsync(user, role).ConfigureAwait(false) : created;
            if (result.Succeeded)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
    }

    /// <summary>Replaces a user's role and ends their sessions, so that the new role applies to their next request.</summary>
    /// <param name="actorId">The Admin making the change, checked to still be an unlocked Admin; null for an operator on the server.</param>
    /// <param name="userId">The user.</param>
    /// <param name="role">One of <see cref="CltvRoles.All"/>.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<AccountChange> SetRoleAsync(string? actorId, string userId, string role, CancellationToken cancellationToken = default)
    {
        if (!CltvRoles.All.Contains(role))
        {
            return AccountChange.Refused($"'{role}' is not a role.");
        }

        var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            if (await CheckAsync(actorId, userId, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                return refusal;
            }

            var user = (await _users.FindByIdAsync(userId).ConfigureAwait(false))!;
            if (role != CltvRoles.Admin)
            {
                if (user.Id == actorId)
                {
                    return AccountChange.Refused("You cannot take the Admin role from yourself; ask another Admin.");
                }

                if (await IsLastUnlockedAdminAsync(user.Id, cancellationToken).ConfigureAwait(false))
                {
                    return LastAdmin(user, "demoted");
                }
            }

            var result = await ReplaceRoleAsync(user, role).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return AccountChange.Refused(Describe(result));
            }

            await EndSessionsAsync(user, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return AccountChange.Done($"{user.Email} is now {role}.");
        }
    }

    /// <summary>Locks a user (until unlocked) and ends their sessions, or unlocks them.</summary>
    /// <param name="actorId">The Admin making the change, checked to still be an unlocked Admin; null for an operator on the server.</param>
    /// <param name="userId">The user.</param>
    /// <param name="locked">Whether to lock.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<AccountChange> SetLockedAsync(string? actorId, string userId, bool locked, CancellationToken cancellationToken = default)
    {
        var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            if (await CheckAsync(actorId, userId, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                return refusal;
            }

            var user = (await _users.FindByIdAsync(userId).ConfigureAwait(false))!;
            if (locked)
            {
                if (user.Id == actorId)
                {
                    return AccountChange.Refused("You cannot lock your own account.");
                }

                if (await IsLastUnlockedAdminAsync(user.Id, cancellationToken).ConfigureAwait(false))
                {
                    return LastAdmin(user, "locked");
                }

                await _users.SetLockoutEnabledAsync(user, true).ConfigureAwait(false);
                await _users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue).ConfigureAwait(false);
                await EndSessionsAsync(user, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false);
                await _users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return AccountChange.Done(locked ? $"{user.Email} is locked." : $"{user.Email} is unlocked.");
        }
    }

    /// <summary>
    /// The recovery path of an operator with access to the server: makes the account with this e-mail address an
    /// unlocked Admin with a new password (creating it if there is none) and ends its sessions.
    /// </summary>
    /// <param name="email">The Admin's e-mail address.</param>
    /// <param name="password">The new password, checked against Identity's password rules.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<AccountChange> ResetAdminAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            foreach (var role in CltvRoles.All)
            {
                // A store the web application never started on has no roles yet.
                if (!await _context.Roles.AnyAsync(r => r.Name == role, cancellationToken).ConfigureAwait(false))
                {
                    _context.Roles.Add(new IdentityRole(role) { NormalizedName = _users.NormalizeName(role) });
                }
            }

            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            var user = await _users.FindByEmailAsync(email).ConfigureAwait(false);
            var created = user is null;
            IdentityResult result;
            if (user is null)
            {
                user = new CltvUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAtUtc = _time.GetUtcNow().UtcDateTime };
                result = await _users.CreateAsync(user, password).ConfigureAwait(false);
            }
            else
            {
                result = await _users.HasPasswordAsync(user).ConfigureAwait(false) ? await _users.RemovePasswordAsync(user).ConfigureAwait(false) : IdentityResult.Success;
                result = result.Succeeded ? await _users.AddPasswordAsync(user, password).ConfigureAwait(false) : result;
                result = result.Succeeded ? await _users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false) : result;
                result = result.Succeeded ? await _users.ResetAccessFailedCountAsync(user).ConfigureAwait(false) : result;
            }

            result = result.Succeeded ? await ReplaceRoleAsync(user, CltvRoles.Admin).ConfigureAwait(false) : result;
            if (!result.Succeeded)
            {
                return AccountChange.Refused(Describe(result));
            }

            await EndSessionsAsync(user, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return AccountChange.Done(created ? $"Created {email} as an Admin." : $"{user.Email} is an unlocked Admin again with a new password; its sessions are ended.");
        }
    }

    /// <summary>Whether a user is an Admin whose account is not locked now.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<bool> IsUnlockedAdminAsync(string userId, CancellationToken cancellationToken = default) =>
        (await UnlockedAdminIdsAsync(cancellationToken).ConfigureAwait(false)).Contains(userId);

    private async Task<AccountChange?> CheckAsync(string? actorId, string userId, CancellationToken cancellationToken)
    {
        // Checked inside the transaction: an Admin demoted or locked a moment ago cannot act on a request already under way.
        if (actorId is not null && !await IsUnlockedAdminAsync(actorId, cancellationToken).ConfigureAwait(false))
        {
            return AccountChange.Refused(NotAnAdminAnyMore);
        }

        return await _context.Users.AnyAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false) ? null : AccountChange.NotFound();
    }

    private async Task<bool> IsLastUnlockedAdminAsync(string userId, CancellationToken cancellationToken)
    {
        var admins = await UnlockedAdminIdsAsync(cancellationToken).ConfigureAwait(false);
        return admins.Count == 1 && admins[0] == userId;
    }

    private async Task<List<string>> UnlockedAdminIdsAsync(CancellationToken cancellationToken)
    {
        var admins = await (
                from userRole in _context.UserRoles
                join role in _context.Roles on userRole.RoleId equals role.Id
                join user in _context.Users on userRole.UserId equals user.Id
                where role.Name == CltvRoles.Admin
                select new { user.Id, user.LockoutEnabled, user.LockoutEnd })
            .AsNoTracking()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        // Compared here: SQLite cannot compare the stored DateTimeOffset values.
        var now = _time.GetUtcNow();
        return admins.Where(a => !(a.LockoutEnabled && a.LockoutEnd > now)).Select(a => a.Id).ToList();
    }

    private async Task<IdentityResult> ReplaceRoleAsync(CltvUser user, string role)
    {
        var current = await _users.GetRolesAsync(user).ConfigureAwait(false);
        var removed = await _users.RemoveFromRolesAsync(user, current).ConfigureAwait(false);
        return removed.Succeeded ? await _users.AddToRoleAsync(user, role).ConfigureAwait(false) : removed;
    }

    private async Task EndSessionsAsync(CltvUser user, CancellationToken cancellationToken)
    {
        // The stamp too, so that anything else Identity issued from the old one stops working.
        await _users.UpdateSecurityStampAsync(user).ConfigureAwait(false);
        await _sessions.EndAllAsync(user.Id, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var transaction = await _context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (_context.Database.IsNpgsql())
        {
            await _context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({UserChangeLockKey})", cancellationToken).ConfigureAwait(false);
        }

        return transaction;
    }

    private static AccountChange LastAdmin(CltvUser user, string change) =>
        AccountChange.Refused($"{user.Email} is the last unlocked Admin and cannot be {change}: make another user Admin first.");

    private static IdentityResult NotARole(string role) =>
        IdentityResult.Failed(new IdentityError { Code = "Role", Description = $"'{role}' is not a role." });

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}

/// <summary>What a change to a user did.</summary>
/// <param name="Outcome">Whether it was made.</param>
/// <param name="Message">What to tell the person who asked, naming the user.</param>
public sealed record AccountChange(AccountChangeOutcome Outcome, string Message)
{
    /// <summary>Whether the change was made.</summary>
    public bool Succeeded => Outcome == AccountChangeOutcome.Done;

    internal static AccountChange Done(string message) => new(AccountChangeOutcome.Done, message);

    internal static AccountChange Refused(string message) => new(AccountChangeOutcome.Refused, message);

    internal static AccountChange NotFound() => new(AccountChangeOutcome.NotFound, "There is no such user.");
}

/// <summary>How a change to a user ended.</summary>
public enum AccountChangeOutcome
{
    /// <summary>Made and committed.</summary>
    Done,

    /// <summary>Not made; the message says why.</summary>
    Refused,

    /// <summary>The user does not exist.</summary>
    NotFound,
}
