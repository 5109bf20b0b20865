using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace CltvDashboard.Web.Identity;

/// <summary>
/// Signs in with e-mail and password through <see cref="SignInThrottle"/>, answering an unknown address, a wrong
/// password and a locked account alike, in about the same time: the password is hashed in every case.
/// </summary>
public sealed class PasswordSignIn
{
    // Hashed once per process with the application's hasher, so that an unknown address costs what a known one does.
    private static string? _placeholderHash;

    private readonly UserManager<CltvUser> _users;
    private readonly SignInManager<CltvUser> _signIn;
    private readonly IPasswordHasher<CltvUser> _hasher;
    private readonly SignInThrottle _throttle;

    public PasswordSignIn(UserManager<CltvUser> users, SignInManager<CltvUser> signIn, IPasswordHasher<CltvUser> hasher, SignInThrottle throttle)
    {
        _users = users;
        _signIn = signIn;
        _hasher = hasher;
        _throttle = throttle;
    }

    /// <summary>Checks the password and, when it is right and the account may sign in, issues the session cookie.</summary>
    /// <param name="email">The e-mail address typed.</param>
    /// <param name="password">The password typed.</param>
    /// <param name="clientAddress">The client's address, for the throttle; null when unknown.</param>
    /// <returns>Signed in, failed (for whatever reason), or how long to wait before trying again.</returns>
    public async Task<SignInOutcome> SignInAsync(string email, string password, string? clientAddress)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        var attempt = _throttle.Begin(clientAddress, email);
        if (attempt.Wait is { } wait)
        {
            return new SignInOutcome(SignInResultKind.Wait, wait);
        }

        var user = await _users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            var placeholder = new CltvUser();
            _placeholderHash ??= _hasher.HashPassword(placeholder, Guid.NewGuid().ToString());
            _hasher.VerifyHashedPassword(placeholder, _placeholderHash, password);
            return new SignInOutcome(SignInResultKind.Failed, null);
        }

        // The password first, whatever the account's state, so that a locked account answers as slowly as any other.
        var passwordRight = await _users.CheckPasswordAsync(user, password);
        if (!passwordRight || await _users.IsLockedOutAsync(user) || !await _signIn.CanSignInAsync(user))
        {
            return new SignInOutcome(SignInResultKind.Failed, null);
        }

        await _signIn.SignInAsync(user, isPersistent: false);
        _throttle.Succeeded(attempt);
        return new SignInOutcome(SignInResultKind.SignedIn, null);
    }
}

/// <summary>How a sign-in ended.</summary>
/// <param name="Kind">Signed in, failed or asked to wait.</param>
/// <param name="Wait">How long to wait, for <see cref="SignInResultKind.Wait"/>.</param>
public sealed record SignInOutcome(SignInResultKind Kind, TimeSpan? Wait);

/// <summary>The kinds of <see cref="SignInOutcome"/>.</summary>
public enum SignInResultKind
{
    /// <summary>The session cookie is issued.</summary>
    SignedIn,

    /// <summary>Unknown address, wrong password or an account that may not sign in: one answer for all.</summary>
    Failed,

    /// <summary>Too many recent failures: the password was not checked.</summary>
    Wait,
}
