using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Pages.Users;

/// <summary>User management (Admin): create users with a role, change roles, lock and unlock accounts.</summary>
public sealed class IndexModel : PageModel
{
    private readonly UserManager<CltvUser> _users;
    private readonly UserDirectory _directory;
    private readonly TimeProvider _time;

    /// <summary>Creates the page.</summary>
    public IndexModel(UserManager<CltvUser> users, UserDirectory directory, TimeProvider time)
    {
        _users = users;
        _directory = directory;
        _time = time;
    }

    /// <summary>The users with their role.</summary>
    public IReadOnlyList<UserLine> Lines { get; private set; } = [];

    /// <summary>The new user's e-mail address.</summary>
    [BindProperty]
    public string NewEmail { get; set; } = "";

    /// <summary>The new user's password.</summary>
    [BindProperty]
    public string NewPassword { get; set; } = "";

    /// <summary>The new user's role.</summary>
    [BindProperty]
    public string NewRole { get; set; } = CltvRoles.Owner;

    /// <summary>What the last action did.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Lists the users.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Creates a user.</summary>
    public async Task<IActionResult> OnPostCreateAsync()
    {
        var result = await _directory.CreateAsync(NewEmail.Trim(), NewPassword, NewRole);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            await LoadAsync();
            return Page();
        }

        Message = $"Created {NewEmail.Trim()} as {NewRole}.";
        return RedirectToPage();
    }

    /// <summary>Changes a user's role; an Admin cannot demote themselves.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="role">The new role.</param>
    public async Task<IActionResult> OnPostRoleAsync(string userId, string role)
    {
        if (await _users.FindByIdAsync(userId) is not { } user)
        {
            return NotFound();
        }

        if (user.Id == _users.GetUserId(User) && role != CltvRoles.Admin)
        {
            Message = "You cannot take the Admin role from yourself; ask another Admin.";
            return RedirectToPage();
        }

        var result = await _directory.SetRoleAsync(user, role);
        Message = result.Succeeded ? $"{user.Email} is now {role}." : string.Join(" ", result.Errors.Select(e => e.Description));
        return RedirectToPage();
    }

    /// <summary>Locks or unlocks a user; an Admin cannot lock themselves out.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="locked">Whether to lock.</param>
    public async Task<IActionResult> OnPostLockAsync(string userId, bool locked)
    {
        if (await _users.FindByIdAsync(userId) is not { } user)
        {
            return NotFound();
        }

        if (user.Id == _users.GetUserId(User) && locked)
        {
            Message = "You cannot lock your own account.";
            return RedirectToPage();
        }

        await _users.SetLockoutEnabledAsync(user, true);
        await _users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (locked)
        {
            // Signs the user out everywhere at their next request.
            await _users.UpdateSecurityStampAsync(user);
        }
        else
        {
            await _users.ResetAccessFailedCountAsync(user);
        }

        Message = locked ? $"{user.Email} is locked." : $"{user.Email} is unlocked.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var now = _time.GetUtcNow();
        var users = await _users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        var lines = new List<UserLine>();
        foreach (var user in users)
        {
            var roles = await _users.GetRolesAsync(user);
            lines.Add(new UserLine(user.Id, user.Email ?? user.UserName ?? user.Id, roles.FirstOrDefault() ?? "–", user.LockoutEnd > now, user.CreatedAtUtc));
        }

        Lines = lines;
    }
}

/// <summary>A user as the list shows them.</summary>
public sealed record UserLine(string Id, string Email, string Role, bool Locked, DateTime CreatedAtUtc);
