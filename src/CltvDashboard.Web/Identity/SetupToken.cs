using System.Security.Cryptography;

namespace CltvDashboard.Web.Identity;

/// <summary>
/// The one-time token that lets the first visitor create the first Admin while no user exists. It lives only in
/// this process and in the server log, so only whoever can read the log can claim the installation.
/// </summary>
public sealed class SetupToken
{
    private readonly Lock _lock = new();
    private string? _token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    /// <summary>The token while it has not been used; null afterwards.</summary>
    public string? Value
    {
        get
        {
            lock (_lock)
            {
                return _token;
            }
        }
    }

    /// <summary>Uses the token up if <paramref name="candidate"/> matches it.</summary>
    /// <param name="candidate">What the visitor typed.</param>
    /// <returns>Whether it matched; a token is accepted once.</returns>
    public bool TryConsume(string? candidate)
    {
        if (string.IsNullOrWhiteSpace(candidate))
        {
            return false;
        }

        lock (_lock)
        {
            if (_token is null
                || !CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(_token), System.Text.Encoding.UTF8.GetBytes(candidate.Trim().ToLowerInvariant())))
            {
                return false;
            }

            _token = null;
            return true;
        }
    }
}
