using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace CltvDashboard.Web.Identity;

/// <summary>Creates users with exactly one role and changes it; the setup page, the Users page and the start-up share it.</summary>
public sealed class UserDirectory
{
    private readonly UserManager<CltvUser> _users;
    private readonly TimeProvider _time;

    /// <summary>Creates the directory.</summary>
    /// <param name="users">Identity's user manager.</param>
    /// <param name="time">The clock for creation times.</param>
    public UserDirectory(UserManager<CltvUser> users, TimeProvider time)
    {
        _users = users;
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

    /// <summary>Replaces a user's role.</summary>
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
        return removed.Succeeded ? await _users.AddToRoleAsync(user, role) : removed;
    }
}
