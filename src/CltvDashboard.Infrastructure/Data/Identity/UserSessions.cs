using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Data.Identity;

/// <summary>
/// The stored browser sessions (<see cref="UserSession"/>): started at sign-in, checked on requests, ended by
/// sign-out and by every change to what the user may do (role, lock, password), whichever host makes it.
/// </summary>
public sealed class UserSessions
{
    /// <summary>How stale <see cref="UserSession.LastSeenAtUtc"/> may be: it is written at most this often per session.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private readonly CltvDbContext _context;
    private readonly TimeProvider _time;

    public UserSessions(CltvDbContext context, TimeProvider? time = null)
    {
        _context = context;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Records a new session for a user, and forgets sessions idle for longer than a cookie can live.</summary>
    /// <param name="userId">The user signing in.</param>
    /// <param name="idleLimit">How long a session cookie lives without use; older sessions are deleted.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The new session's id, for the cookie.</returns>
    public async Task<Guid> StartAsync(string userId, TimeSpan idleLimit, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        // The row outlives the cookie by at most the resolution of its last-seen time.
        var idleBefore = now - idleLimit - LastSeenResolution;
        await _context.Set<UserSession>().Where(s => s.LastSeenAtUtc < idleBefore).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var session = new UserSession { Id = Guid.NewGuid(), UserId = userId, CreatedAtUtc = now, LastSeenAtUtc = now };
        _context.Set<UserSession>().Add(session);
        await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        _context.Entry(session).State = EntityState.Detached;
        return session.Id;
    }

    /// <summary>
    /// A session with what its user may do now, in one query, noting its use (at most once per
    /// <see cref="LastSeenResolution"/>).
    /// </summary>
    /// <param name="sessionId">The session named by the cookie.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The session's state, or null when it has ended.</returns>
    public async Task<SessionState?> FindAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var row = await _context.Set<UserSession>().AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Join(_context.Users, s => s.UserId, u => u.Id, (s, u) => new
            {
                s.UserId,
                s.LastSeenAtUtc,
                u.SecurityStamp,
                u.LockoutEnabled,
                u.LockoutEnd,
                Roles = _context.UserRoles.Where(r => r.UserId == u.Id)
                    .Join(_context.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name)
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (now.UtcDateTime - row.LastSeenAtUtc >= LastSeenResolution)
        {
            var staleBefore = now.UtcDateTime - LastSeenResolution;
            // Conditional, so that concurrent requests of one session write once between them.
            await _context.Set<UserSession>()
                .Where(s => s.Id == sessionId && s.LastSeenAtUtc <= staleBefore)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAtUtc, now.UtcDateTime), cancellationToken).ConfigureAwait(false);
        }

        return new SessionState(row.UserId, row.SecurityStamp, row.LockoutEnabled && row.LockoutEnd > now, row.Roles.OfType<string>().Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Ends one session (sign-out); ending one already ended changes nothing.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public Task EndAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        _context.Set<UserSession>().Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Ends every session of a user, in the caller's transaction when there is one.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many sessions were ended.</returns>
    public Task<int> EndAllAsync(string userId, CancellationToken cancellationToken = default) =>
        _context.Set<UserSession>().Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}

/// <summary>A live session and what its user may do now.</summary>
/// <param name="UserId">The session's user.</param>
/// <param name="SecurityStamp">The user's security stamp now; Identity renews it when the credentials change.</param>
/// <param name="Locked">Whether the user is locked out now.</param>
/// <param name="Roles">The user's roles now, in ordinal order.</param>
public sealed record SessionState(string UserId, string? SecurityStamp, bool Locked, IReadOnlyList<string> Roles);
