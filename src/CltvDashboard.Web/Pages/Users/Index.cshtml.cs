using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages.Users;

/// <summary>User management (Admin): create users with a role, change roles, lock and unlock accounts, create and revoke API tokens.</summary>
public sealed class IndexModel : PageModel
{
    private readonly UserManager<CltvUser> _users;
    private readonly UserDirectory _directory;
    private readonly ApiTokenService _tokens;
    private readonly TimeProvider _time;

    public IndexModel(UserManager<CltvUser> users, UserDirectory directory, ApiTokenService tokens, TimeProvider time)
    {
        _users = users;
        _directory = directory;
        _tokens = tokens;
        _time = time;
    }

    /// <summary>The users with their role.</summary>
    public IReadOnlyList<UserLine> Lines { get; private set; } = [];

    /// <summary>Every API token with its user's e-mail address.</summary>
    public IReadOnlyList<TokenLine> Tokens { get; private set; } = [];

    /// <summary>The active tokens whose creator was since locked, demoted or removed.</summary>
    public IReadOnlyList<TokenLine> TokensToReview => Tokens.Where(t => t.Review is not null).ToList();

    /// <summary>The secret of the token just created, shown this once.</summary>
    public CreatedTokenLine? CreatedToken { get; private set; }

    /// <summary>The user a new token acts as.</summary>
    [BindProperty]
    public string? NewTokenUserId { get; set; }

    /// <summary>What the new token is for.</summary>
    [BindProperty]
    public string? NewTokenName { get; set; }

    /// <summary>The last day (UTC) the new token works; empty for no expiry.</summary>
    [BindProperty]
    public DateOnly? NewTokenValidThrough { get; set; }

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

    /// <summary>Whether the last action was refused (the message says why).</summary>
    [TempData]
    public bool? Refused { get; set; }

    /// <summary>Lists the users.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Creates a user.</summary>
    public async Task<IActionResult> OnPostCreateAsync()
    {
        var result = await _directory.CreateAsync(NewEmail.Trim(), NewPassword, NewRole, _users.GetUserId(User));
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

    /// <summary>Changes a user's role; an Admin cannot demote themselves, nor anyone the last unlocked Admin.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="role">The new role.</param>
    public async Task<IActionResult> OnPostRoleAsync(string userId, string role) =>
        Answer(await _directory.SetRoleAsync(_users.GetUserId(User)!, userId, role));

    /// <summary>Locks or unlocks a user; an Admin cannot lock themselves out, nor anyone the last unlocked Admin.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="locked">Whether to lock.</param>
    public async Task<IActionResult> OnPostLockAsync(string userId, bool locked) =>
        Answer(await _directory.SetLockedAsync(_users.GetUserId(User)!, userId, locked));

    /// <summary>
    /// Creates an API token and shows its secret once, in this response rather than after a redirect, so that the
    /// secret never travels in a cookie or a URL.
    /// </summary>
    public async Task<IActionResult> OnPostCreateTokenAsync()
    {
        // Checked by hand: the page's other forms bind required fields that this post does not send.
        var name = NewTokenName?.Trim() ?? "";
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var errors = new List<(string Field, string Message)>();
        if (name.Length is 0 or > ApiTokenService.MaxNameLength)
        {
            errors.Add((nameof(NewTokenName), $"Name the token (what it is for), at most {ApiTokenService.MaxNameLength} characters."));
        }

        if (NewTokenValidThrough < today)
        {
            errors.Add((nameof(NewTokenValidThrough), "The last valid day cannot be in the past."));
        }

        var user = NewTokenUserId is null ? null : await _users.FindByIdAsync(NewTokenUserId);
        if (user is null)
        {
            errors.Add((nameof(NewTokenUserId), "Choose the user the token acts as."));
        }

        if (errors.Count > 0 || user is null)
        {
            ModelState.Clear();
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }

            await LoadAsync();
            return Page();
        }

        ModelState.Clear();
        var created = await _tokens.CreateAsync(user.Id, _users.GetUserId(User), name, ApiTokenService.ExpiresAtUtc(NewTokenValidThrough));
        CreatedToken = new CreatedTokenLine(created.Token.Name, user.Email ?? user.Id, created.Secret);
        Message = $"Created the API token {created.Token.Name} for {user.Email}.";
        NewTokenName = null;
        NewTokenValidThrough = null;
        await LoadAsync();
        return Page();
    }

    /// <summary>Revokes an API token: it stops working at once.</summary>
    /// <param name="tokenId">The token.</param>
    public async Task<IActionResult> OnPostRevokeTokenAsync(long tokenId)
    {
        if (await _tokens.RevokeAsync(tokenId) is not { } token)
        {
            return NotFound();
        }

        Message = $"Revoked the API token {token.Name} ({token.Prefix}…).";
        return RedirectToPage();
    }

    private IActionResult Answer(AccountChange change)
    {
        if (change.Outcome == AccountChangeOutcome.NotFound)
        {
            return NotFound();
        }

        Message = change.Message;
        Refused = !change.Succeeded;
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var now = _time.GetUtcNow();
        var lines = (await _directory.ListWithRolesAsync())
            .Select(u => new UserLine(u.User.Id, u.User.Email ?? u.User.UserName ?? u.User.Id, u.Role ?? "–", u.User.LockoutEnd > now, u.User.CreatedAtUtc))
            .ToList();
        Lines = lines;
        var users = lines.ToDictionary(l => l.Id, StringComparer.Ordinal);
        Tokens = (await _tokens.ListAsync())
            .Select(t =>
            {
                var status = t.RevokedAtUtc is not null ? "Revoked" : t.ExpiresAtUtc <= now.UtcDateTime ? "Expired" : "Active";
                var creator = t.CreatedByUserId is { } id ? users.GetValueOrDefault(id) : null;
                return new TokenLine(
                    t.Id,
                    users.GetValueOrDefault(t.UserId)?.Email ?? t.UserId,
                    t.Name,
                    t.Prefix,
                    t.CreatedAtUtc,
                    t.LastUsedAtUtc,
                    t.ExpiresAtUtc,
                    status,
                    t.CreatedByUserId is null ? "–" : creator?.Email ?? "a removed user",
                    status == "Active" ? ReviewReason(t.CreatedByUserId, creator) : null);
            })
            .OrderBy(t => t.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    // A token outlives the Admin session that created it; one created by an Admin since locked or demoted may be how
    // that Admin kept access, so it is put in front of the remaining Admins.
    private static string? ReviewReason(string? createdByUserId, UserLine? creator) =>
        createdByUserId is null ? null
        : creator is null ? "its creator's account no longer exists"
        : creator.Locked ? $"created by {creator.Email}, since locked"
        : creator.Role != CltvRoles.Admin ? $"created by {creator.Email}, now {creator.Role}"
        : null;
}

/// <summary>A user as the list shows them.</summary>
public sealed record UserLine(string Id, string Email, string Role, bool Locked, DateTime CreatedAtUtc);

/// <summary>An API token as the list shows it.</summary>
/// <param name="Id">The token's key.</param>
/// <param name="Email">The e-mail address of the user it acts as.</param>
/// <param name="Name">What it is for.</param>
/// <param name="Prefix">The secret's first characters.</param>
/// <param name="CreatedAtUtc">When it was created.</param>
/// <param name="LastUsedAtUtc">When it was last accepted, to within a minute.</param>
/// <param name="ExpiresAtUtc">When it stops working.</param>
/// <param name="Status">Active, Expired or Revoked.</param>
/// <param name="CreatedBy">The e-mail address of the Admin who created it, "–" when not recorded.</param>
/// <param name="Review">Why an Admin should review it (its creator was since locked, demoted or removed); null otherwise.</param>
public sealed record TokenLine(
    long Id, string Email, string Name, string Prefix, DateTime CreatedAtUtc, DateTime? LastUsedAtUtc, DateTime? ExpiresAtUtc, string Status, string CreatedBy, string? Review);

/// <summary>A token just created, with the secret to copy.</summary>
public sealed record CreatedTokenLine(string Name, string Email, string Secret);
