using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Data.Identity;

/// <summary>
/// Creates, lists, revokes and checks the users' API tokens. A secret is <c>cltv_</c> and 32 random bytes in
/// base64url; the store keeps its SHA-256 hash, which is enough for 256-bit random secrets (no salt or slow hash is
/// needed when nothing can be guessed).
/// </summary>
public sealed class ApiTokenService
{
    /// <summary>What every secret starts with, so that a leaked one is recognisable (secret scanners, logs).</summary>
    public const string SecretPrefix = "cltv_";

    /// <summary>Characters of the secret kept to tell tokens apart in lists.</summary>
    public const int DisplayPrefixLength = 12;

    /// <summary>The longest name a token may have.</summary>
    public const int MaxNameLength = 128;

    /// <summary>How stale the last-used time may be: it is written at most this often per token.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly CltvDbContext _context;
    private readonly TimeProvider _time;

    public ApiTokenService(CltvDbContext context, TimeProvider time)
    {
        _context = context;
        _time = time;
    }

    /// <summary>Creates a token for a user.</summary>
    /// <param name="userId">The user it acts as.</param>
    /// <param name="createdByUserId">The Admin creating it, kept so that tokens of an Admin since locked or demoted can be reviewed.</param>
    /// <param name="name">What it is for; trimmed, 1–128 characters.</param>
    /// <param name="expiresAtUtc">When it stops working (UTC, in the future); null for never.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored token and its secret, which nothing can show again.</returns>
    public async Task<CreatedApiToken> CreateAsync(string userId, string? createdByUserId, string name, DateTime? expiresAtUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = userId,
            CreatedByUserId = createdByUserId,
            Name = name.Trim(),
            SecretHash = Hash(secret),
            Prefix = secret[..DisplayPrefixLength],
            CreatedAtUtc = _time.GetUtcNow().UtcDateTime,
            ExpiresAtUtc = expiresAtUtc,
        };
        _context.Set<ApiToken>().Add(token);
        await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new CreatedApiToken(token, secret);
    }

    /// <summary>Every token, revoked and expired ones too, newest first.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default) =>
        await _context.Set<ApiToken>().AsNoTracking().OrderByDescending(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>When a token valid through a day stops working: the end of that day (UTC).</summary>
    /// <param name="lastValidDay">The last day it works; null for never expiring.</param>
    public static DateTime? ExpiresAtUtc(DateOnly? lastValidDay) =>
        lastValidDay is { } day ? day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null;

    /// <summary>The tokens whose listed prefix (<see cref="DisplayPrefixLength"/> characters of the secret) is <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The prefix as the Users page lists it, e.g. <c>cltv_AbCdEfG</c>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<ApiToken>> FindByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var trimmed = prefix.Trim().TrimEnd('…', '.');
        return await _context.Set<ApiToken>().AsNoTracking().Where(t => t.Prefix == trimmed).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes a token; revoking one already revoked changes nothing.</summary>
    /// <param name="tokenId">The token.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The token, or null if there is none.</returns>
    public async Task<ApiToken?> RevokeAsync(long tokenId, CancellationToken cancellationToken = default)
    {
        if (await _context.Set<ApiToken>().SingleOrDefaultAsync(t => t.Id == tokenId, cancellationToken).ConfigureAwait(false) is not { } token)
        {
            return null;
        }

        token.RevokedAtUtc ??= _time.GetUtcNow().UtcDateTime;
        await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>
    /// The valid token whose secret is <paramref name="secret"/>, noting its use (at most once per
    /// <see cref="LastUsedResolution"/>, so that busy scripts do not write on every call).
    /// </summary>
    /// <param name="secret">The secret from the request.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The token, or null if it is unknown, revoked or expired.</returns>
    public async Task<ApiToken?> FindValidAsync(string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Hash(secret);
        var token = await _context.Set<ApiToken>().AsNoTracking().SingleOrDefaultAsync(t => t.SecretHash == hash, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow().UtcDateTime;
        if (token is null || token.RevokedAtUtc is not null || token.ExpiresAtUtc <= now)
        {
            return null;
        }

        if (token.LastUsedAtUtc is not { } lastUsed || now - lastUsed >= LastUsedResolution)
        {
            var staleBefore = now - LastUsedResolution;
            // Conditional, so that concurrent requests of one token write once between them.
            await _context.Set<ApiToken>()
                .Where(t => t.Id == token.Id && (t.LastUsedAtUtc == null || t.LastUsedAtUtc <= staleBefore))
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAtUtc, now), cancellationToken).ConfigureAwait(false);
        }

        return token;
    }

    /// <summary>The lower-case hex SHA-256 of a secret, as stored.</summary>
    /// <param name="secret">The secret.</param>
    public static string Hash(string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A token just created.</summary>
/// <param name="Token">The stored token.</param>
/// <param name="Secret">The secret to hand to the user; only its hash is stored.</param>
public sealed record CreatedApiToken(ApiToken Token, string Secret);
