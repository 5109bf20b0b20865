using System.Security.Cryptography;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Digest;

/// <summary>Who receives the weekly digest: a user opts in with a day and an hour, changes them, or leaves from the page or from the link in any digest.</summary>
public sealed class DigestSubscriptions
{
    private readonly CltvDbContext _context;
    private readonly TimeProvider _time;

    public DigestSubscriptions(CltvDbContext context, TimeProvider time)
    {
        _context = context;
        _time = time;
    }

    /// <summary>A user's subscription; null when they receive no digest.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<DigestSubscription?> FindAsync(string userId, CancellationToken cancellationToken = default) =>
        _context.DigestSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);

    /// <summary>Opts a user in, or moves their digest to another day and hour; their unsubscribe link stays the same.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="day">The day of the week.</param>
    /// <param name="hour">The hour, 0–23, in the business's time zone.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public async Task<DigestSubscription> SubscribeAsync(string userId, DayOfWeek day, int hour, CancellationToken cancellationToken = default)
    {
        if (hour is < 0 or > 23)
        {
            throw new ArgumentOutOfRangeException(nameof(hour), hour, "The hour of the digest is 0 to 23.");
        }

        var subscription = await _context.DigestSubscriptions.SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        var now = _time.GetUtcNow().UtcDateTime;
        if (subscription is null)
        {
            subscription = new DigestSubscription
            {
                UserId = userId,
                UnsubscribeToken = NewToken(),
                SubscribedAtUtc = now,
            };
            _context.DigestSubscriptions.Add(subscription);
        }
        else if (subscription.Day != day || subscription.Hour != hour)
        {
            // A new slot counts from the change: moving Monday's digest to Tuesday must not send Monday's again.
            subscription.SubscribedAtUtc = now;
        }

        subscription.Day = day;
        subscription.Hour = hour;
        await _context.SaveChangesAsync(cancellationToken);
        return subscription;
    }

    /// <summary>Stops a user's digest; false when they had none.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public async Task<bool> UnsubscribeAsync(string userId, CancellationToken cancellationToken = default) =>
        await _context.DigestSubscriptions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>The address an unsubscribe link stops the digest of; null for a link that stops nothing (already used, or made up).</summary>
    /// <param name="token">The link's token.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<string?> RecipientOfAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        return await _context.DigestSubscriptions.AsNoTracking()
            .Where(s => s.UnsubscribeToken == token)
            .Join(_context.Users, s => s.UserId, u => u.Id, (_, u) => u.Email)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Stops the digest an unsubscribe link belongs to; false for a link that stops nothing.</summary>
    /// <param name="token">The link's token.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public async Task<bool> UnsubscribeByTokenAsync(string? token, CancellationToken cancellationToken = default) =>
        !string.IsNullOrEmpty(token) && token.Length <= 64
        && await _context.DigestSubscriptions.Where(s => s.UnsubscribeToken == token).ExecuteDeleteAsync(cancellationToken) > 0;

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
