using CltvDashboard.Web.Configuration;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Identity;

/// <summary>
/// Slows password guessing without locking anyone out: after a few wrong sign-ins each further attempt waits, 1 s
/// and twice as long after every further failure, up to a limit. Three counts apply at once: the client address
/// and e-mail address together (up to <see cref="CltvWebOptions.SignInMaxDelaySeconds"/>), the client address alone
/// (password spraying, the same limit) and the e-mail address alone (many addresses guessing one account, only up to
/// <see cref="CltvWebOptions.SignInAccountMaxDelaySeconds"/>, so that a stranger can hold the owner up for seconds,
/// not lock them out). Counts are kept by the e-mail address as typed, whether or not an account has it, so the
/// waits say nothing about which accounts exist. Kept in this instance's memory.
/// </summary>
public sealed class SignInThrottle
{
    // Failures are forgotten after this long without one, on top of the key's longest wait.
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    // Counts of addresses that stopped trying are dropped in a sweep once there are this many.
    private const int SweepAbove = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly CltvWebOptions _options;

    public SignInThrottle(IOptions<CltvWebOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
    }

    /// <summary>
    /// Starts an attempt: either how long to wait first, or a pass that counts as a failure until
    /// <see cref="Succeeded"/> says otherwise (so that parallel guesses cannot all slip through before any is counted).
    /// </summary>
    /// <param name="clientAddress">The client's address; null when unknown.</param>
    /// <param name="email">The e-mail address typed.</param>
    public SignInAttempt Begin(string? clientAddress, string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var keys = Keys(clientAddress, email);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_counters.Count > SweepAbove)
            {
                foreach (var (key, counter) in _counters.ToList())
                {
                    if (counter.Forgotten(now))
                    {
                        _counters.Remove(key);
                    }
                }
            }

            var wait = TimeSpan.Zero;
            foreach (var key in keys)
            {
                if (_counters.TryGetValue(key.Name, out var counter) && !counter.Forgotten(now) && counter.NextAttemptAt - now > wait)
                {
                    wait = counter.NextAttemptAt - now;
                }
            }

            if (wait > TimeSpan.Zero)
            {
                return new SignInAttempt(keys, wait);
            }

            foreach (var key in keys)
            {
                if (!_counters.TryGetValue(key.Name, out var counter) || counter.Forgotten(now))
                {
                    counter = new Counter(key.FreeAttempts, key.MaxDelay);
                    _counters[key.Name] = counter;
                }

                counter.Failures++;
                counter.LastFailureAt = now;
            }

            return new SignInAttempt(keys, null);
        }
    }

    /// <summary>
    /// The attempt signed in: the e-mail address's counts are cleared; the client address keeps its other failures.
    /// </summary>
    /// <param name="attempt">The attempt <see cref="Begin"/> let through.</param>
    public void Succeeded(SignInAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        lock (_lock)
        {
            foreach (var key in attempt.Keys)
            {
                if (key.ClearedBySuccess)
                {
                    _counters.Remove(key.Name);
                }
                else if (_counters.TryGetValue(key.Name, out var counter) && counter.Failures > 0)
                {
                    counter.Failures--;
                }
            }
        }
    }

    private ThrottleKey[] Keys(string? clientAddress, string email)
    {
        var address = string.IsNullOrWhiteSpace(clientAddress) ? "unknown" : clientAddress;
        var account = email.Trim().ToUpperInvariant();
        var longest = TimeSpan.FromSeconds(_options.SignInMaxDelaySeconds);
        return
        [
            new ThrottleKey($"address+account\n{address}\n{account}", _options.SignInFreeAttempts, longest, ClearedBySuccess: true),
            new ThrottleKey($"account\n{account}", _options.SignInFreeAttempts, TimeSpan.FromSeconds(_options.SignInAccountMaxDelaySeconds), ClearedBySuccess: true),
            new ThrottleKey($"address\n{address}", _options.SignInFreeAttemptsPerAddress, longest, ClearedBySuccess: false),
        ];
    }

    private sealed class Counter(int freeAttempts, TimeSpan maxDelay)
    {
        public int Failures { get; set; }

        public DateTimeOffset LastFailureAt { get; set; }

        public DateTimeOffset NextAttemptAt => LastFailureAt + Delay;

        private TimeSpan Delay =>
            Failures < freeAttempts ? TimeSpan.Zero
            : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(Failures - freeAttempts, 30)), maxDelay.TotalSeconds));

        public bool Forgotten(DateTimeOffset now) => now - LastFailureAt > maxDelay + ForgetAfter;
    }
}

/// <summary>One counted key of the throttle.</summary>
/// <param name="Name">The key: the kind and the addresses.</param>
/// <param name="FreeAttempts">Failures before waits begin.</param>
/// <param name="MaxDelay">The longest wait.</param>
/// <param name="ClearedBySuccess">Whether signing in clears it.</param>
public sealed record ThrottleKey(string Name, int FreeAttempts, TimeSpan MaxDelay, bool ClearedBySuccess);

/// <summary>A sign-in attempt as the throttle answered it.</summary>
/// <param name="Keys">The counts it touches.</param>
/// <param name="Wait">How long to wait before trying again; null when the attempt may go ahead.</param>
public sealed record SignInAttempt(IReadOnlyList<ThrottleKey> Keys, TimeSpan? Wait);
