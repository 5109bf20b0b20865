using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>
/// What is read or computed per run and kept in memory: pages of the customer list (any filter, sort and page), what-if
/// projections, and the figures each run stored when it was published (KPIs, distribution, segment tables, grid,
/// movement, trend). A finished run's rows never change, so each is read once per run and instance rather than once
/// per view. Bounded by entry count; entries of a run are dropped together when the run's identity changes (a run id
/// reused after its rows were deleted, which SQLite allows).
/// </summary>
public sealed class RunResultCache : IDisposable
{
    /// <summary>The most entries kept.</summary>
    public const int MaxEntries = 4096;

    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private readonly ConcurrentDictionary<long, (DateTime Stamp, CancellationTokenSource Eviction)> _runs = new();
    private readonly Lock _gate = new();

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

    /// <summary>
    /// The cached value of a key of a run, computed when missing. Concurrent callers of a missing key share one
    /// computation: the first view of a run's customer list sorts a million rows, and twenty users opening it at once
    /// must not start twenty sorts. A computation that fails is forgotten so that the next caller tries again; one
    /// cancelled by its own caller's token is started again by the next caller still waiting.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="runId">The run the value is computed from.</param>
    /// <param name="key">The value's key within the run (a tuple or record with value equality).</param>
    /// <param name="compute">Computes the value.</param>
    /// <param name="cancellationToken">Stops this caller's wait (and the computation, if this caller started it).</param>
    public async Task<T> GetOrAddAsync<T>(long runId, object key, Func<Task<T>> compute, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var cacheKey = (runId, key);
        while (true)
        {
            var entry = Entry(runId, cacheKey, compute);
            try
            {
                return await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && entry.Value.IsCanceled)
            {
                // Another caller's request ended and took its computation with it; this caller is still waiting.
                Forget(cacheKey, entry);
            }
            catch when (entry.Value.IsFaulted)
            {
                Forget(cacheKey, entry);
                throw;
            }
        }
    }

    private Lazy<Task<T>> Entry<T>(long runId, (long, object) cacheKey, Func<Task<T>> compute)
    {
        if (_cache.TryGetValue(cacheKey, out Lazy<Task<T>>? known))
        {
            return known!;
        }

        lock (_gate)
        {
            if (_cache.TryGetValue(cacheKey, out known))
            {
                return known!;
            }

            // Lazy so that the computation starts outside the lock, once, for whoever asks first.
            var entry = new Lazy<Task<T>>(() => Started(compute), LazyThreadSafetyMode.ExecutionAndPublication);
            var options = new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle };
            if (_runs.TryGetValue(runId, out var run))
            {
                options.AddExpirationToken(new CancellationChangeToken(run.Eviction.Token));
            }

            _cache.Set(cacheKey, entry, options);
            return entry;
        }
    }

    // An exception thrown before the computation's first await belongs in its task, where waiters look for it.
    private static async Task<T> Started<T>(Func<Task<T>> compute) => await compute().ConfigureAwait(false);

    private void Forget(object cacheKey, object entry)
    {
        lock (_gate)
        {
            if (_cache.TryGetValue(cacheKey, out var current) && ReferenceEquals(current, entry))
            {
                _cache.Remove(cacheKey);
            }
        }
    }

    /// <summary>Forgets every entry: a customer's erasure changes rows that finished runs' pages were computed from.</summary>
    public void Clear() => _cache.Compact(1.0);

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
