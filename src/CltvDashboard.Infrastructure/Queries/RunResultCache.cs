using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>
/// Figures computed from one run's result rows, kept in memory: a finished run's results never change, so an
/// aggregate over a million customer rows is computed once per run and instance instead of once per page view.
/// Bounded by entry count; entries of a run are dropped together when the run's identity changes (a run id reused
/// after its rows were deleted, which SQLite allows).
/// </summary>
public sealed class RunResultCache : IDisposable
{
    /// <summary>The most entries kept.</summary>
    public const int MaxEntries = 4096;

    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private readonly ConcurrentDictionary<long, (DateTime Stamp, CancellationTokenSource Eviction)> _runs = new();

    /// <summary>Records a run's identity (when it was requested); when it differs from the one cached, the run's entries go.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="requestedAtUtc">When it was requested: with the id, unique to one run.</param>
    public void Observe(long runId, DateTime requestedAtUtc)
    {
        while (true)
        {
            if (_runs.TryGetValue(runId, out var known))
            {
                if (known.Stamp == requestedAtUtc)
                {
                    return;
                }

                if (_runs.TryUpdate(runId, (requestedAtUtc, new CancellationTokenSource()), known))
                {
                    known.Eviction.Cancel();
                    known.Eviction.Dispose();
                    return;
                }
            }
            else if (_runs.TryAdd(runId, (requestedAtUtc, new CancellationTokenSource())))
            {
                return;
            }
        }
    }

    /// <summary>The cached value of a key of a run, computed when missing.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="runId">The run the value is computed from.</param>
    /// <param name="key">The value's key within the run (a tuple or record with value equality).</param>
    /// <param name="compute">Computes the value.</param>
    public async Task<T> GetOrAddAsync<T>(long runId, object key, Func<Task<T>> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var cacheKey = (runId, key);
        if (_cache.TryGetValue(cacheKey, out T? value))
        {
            return value!;
        }

        value = await compute().ConfigureAwait(false);
        var options = new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle };
        if (_runs.TryGetValue(runId, out var run))
        {
            options.AddExpirationToken(new CancellationChangeToken(run.Eviction.Token));
        }

        _cache.Set(cacheKey, value, options);
        return value;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _cache.Dispose();
        foreach (var run in _runs.Values)
        {
            run.Eviction.Dispose();
        }
    }
}
