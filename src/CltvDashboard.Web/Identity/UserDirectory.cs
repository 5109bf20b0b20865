using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Identity;

/// <summary>Creates users with exactly one role and changes it; the setup page, the Users page and the start-up share it.</summary>
public sealed class UserDirectory
{
    private readonly UserManager<CltvUser> _users;
    private readonly CltvDbContext _context;
    private readonly TimeProvider _time;

    public UserDirectory(UserManager<CltvUser> users, CltvDbContext context, TimeProvider time)
    {
        _users = users;
        _context = context;
        _time = time;
    }

    /// <summary>Creates a user with a password and one role.</summary>
    /// <param name="email">The e-mail address, also the user name.</param>
    /// <param name="password">The password, checked against Identity's password rules.</param>
    /// <param name="role">One of <see cref="CltvRoles.All"/>.</param>
    /// <returns>Identity's result; its errors are messages for the form.</returns>
    public async Task<IdentityResult> CreateAsync(string email, string password, string role)
    {
        if (!CltvRoles.All.Contains(role))
        {
            return IdentityResult.Failed(new IdentityError { Code = "Role", Description = $"'{role}' is not a role." });
        }

        var user = new CltvUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAtUtc = _time.GetUtcNow().UtcDateTime };
        var created = await _users.CreateAsync(user, password);
        return created.Succeeded ? await _users.AddToRoleAsync(user, role) : created;
    }

    /// <summary>Replaces a user's role and renews their security stamp, which ends their sessions at the next stamp check.</summary>
    /// <param name="user">The user.</param>
    /// <param name="role">One of <see cref="CltvRoles.All"/>.</param>
    /// <returns>Identity's result.</returns>
    public async Task<IdentityResult> SetRoleAsync(CltvUser user, string role)
    {
        if (!CltvRoles.All.Contains(role))
        {
            return IdentityResult.Failed(new IdentityError { Code = "Role", Description = $"'{role}' is not a role." });
        }

        var current = await _users.GetRolesAsync(user);
        var removed = await _users.RemoveFromRolesAsync(user, current);
        var added = removed.Succeeded ? await _users.AddToRoleAsync(user, role) : removed;
        // A session keeps the roles its cookie was issued with until the stamp it carries no longer matches.
        return added.Succeeded ? await _users.UpdateSecurityStampAsync(user) : added;
    }

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
}
