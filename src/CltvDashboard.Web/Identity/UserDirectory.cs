using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Identity;

/// <summary>
/// The users as the web application manages them: creation, role changes and locks go through
/// <see cref="UserAccounts"/> (one transaction each, keeping an unlocked Admin), and this instance forgets the changed
/// user's sessions at once; the setup page, the Users page and the start-up share it.
/// </summary>
public sealed class UserDirectory
{
    private readonly UserAccounts _accounts;
    private readonly CltvDbContext _context;
    private readonly SessionCheckCache _sessions;

    public UserDirectory(UserAccounts accounts, CltvDbContext context, SessionCheckCache sessions)
    {
        _accounts = accounts;
        _context = context;
        _sessions = sessions;
    }

    /// <summary>Creates a user with a password and one role.</summary>
    /// <param name="email">The e-mail address, also the user name.</param>
    /// <param name="password">The password, checked against Identity's password rules.</param>
    /// <param name="role">One of <see cref="CltvRoles.All"/>.</param>
    /// <param name="actorId">The Admin creating the user; null at setup and start-up.</param>
    /// <returns>Identity's result; its errors are messages for the form.</returns>
    public Task<IdentityResult> CreateAsync(string email, string password, string role, string? actorId = null) =>
        _accounts.CreateAsync(email, password, role, actorId);

    /// <summary>Replaces a user's role; their sessions end, so the new role applies to their next request.</summary>
    /// <param name="actorId">The Admin making the change.</param>
    /// <param name="userId">The user.</param>
    /// <param name="role">One of <see cref="CltvRoles.All"/>.</param>
    public async Task<AccountChange> SetRoleAsync(string actorId, string userId, string role) =>
        Forget(userId, await _accounts.SetRoleAsync(actorId, userId, role));

    /// <summary>Locks a user, ending their sessions, or unlocks them.</summary>
    /// <param name="actorId">The Admin making the change.</param>
    /// <param name="userId">The user.</param>
    /// <param name="locked">Whether to lock.</param>
    public async Task<AccountChange> SetLockedAsync(string actorId, string userId, bool locked) =>
        Forget(userId, await _accounts.SetLockedAsync(actorId, userId, locked));

    /// <summary>Every user with their role, in one query rather than one per user.</summary>
    /// <returns>The users ordered by e-mail address; a user without a role has a null role.</returns>
    public async Task<IReadOnlyList<(CltvUser User, string? Role)>> ListWithRolesAsync()
    {
        var rows = await _context.Users.AsNoTracking()
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                User = u,
                Role = _context.UserRoles.Where(r => r.UserId == u.Id)
                    .Join(_context.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name)
                    .OrderBy(name => name)
                    .FirstOrDefault(),
            })
            .ToListAsync();
        return rows.Select(r => (r.User, r.Role)).ToList();
    }

    private AccountChange Forget(string userId, AccountChange change)
    {
        if (change.Succeeded)
        {
            _sessions.ForgetUser(userId);
        }

        return change;
    }
}
