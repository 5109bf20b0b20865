using System.Collections.Concurrent;
using CltvDashboard.Web.Configuration;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Identity;

/// <summary>
/// Which sessions this instance found alive in the store a moment ago, so that page reads within
/// <see cref="CltvWebOptions.SessionCheckSeconds"/> skip the check. State-changing requests never use it. A change this
/// instance makes to a user (role, lock, sign-out) forgets their sessions here at once; another instance's change
/// reaches this one's reads within the check interval.
/// </summary>
public sealed class SessionCheckCache
{
    // Entries of sessions that stopped coming are dropped in a sweep once there are this many.
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<Guid, Entry> _sessions = new();
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _freshFor;

    public SessionCheckCache(IOptions<CltvWebOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _freshFor = TimeSpan.FromSeconds(options.Value.SessionCheckSeconds);
    }

    /// <summary>The user's generation, to read before checking the store and pass to <see cref="Remember"/>.</summary>
    /// <param name="userId">The user.</param>
    public long Generation(string userId) => _generations.GetValueOrDefault(userId);

    /// <summary>Whether the session was found alive within the check interval and its user has not changed since.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="userId">The session's user, as the cookie says.</param>
    public bool IsFresh(Guid sessionId, string userId)
    {
        if (_freshFor <= TimeSpan.Zero || !_sessions.TryGetValue(sessionId, out var entry))
        {
            return false;
        }

        if (entry.UserId == userId && entry.Generation == Generation(userId) && _time.GetUtcNow() - entry.CheckedAt < _freshFor)
        {
            return true;
        }

        _sessions.TryRemove(sessionId, out _);
        return false;
    }

    /// <summary>Notes that the store found the session alive.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="userId">Its user.</param>
    /// <param name="generation">The user's <see cref="Generation"/> read before the store was asked, so that a change made meanwhile wins.</param>
    public void Remember(Guid sessionId, string userId, long generation)
    {
        if (_freshFor <= TimeSpan.Zero)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (_sessions.Count > SweepAbove)
        {
            foreach (var (id, entry) in _sessions)
            {
                if (now - entry.CheckedAt >= _freshFor)
                {
                    _sessions.TryRemove(id, out _);
                }
            }
        }

        _sessions[sessionId] = new Entry(userId, generation, now);
    }

    /// <summary>Forgets one session (signed out).</summary>
    /// <param name="sessionId">The session.</param>
    public void Forget(Guid sessionId) => _sessions.TryRemove(sessionId, out _);

    /// <summary>Forgets every session of a user (role change, lock, new password).</summary>
    /// <param name="userId">The user.</param>
    public void ForgetUser(string userId) => _generations.AddOrUpdate(userId, 1, (_, generation) => generation + 1);

    private readonly record struct Entry(string UserId, long Generation, DateTimeOffset CheckedAt);
}
