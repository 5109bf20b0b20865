using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Jobs;

/// <summary>
/// Re-enqueues runs left queued or running by a process that died: with in-memory job storage (the SQLite
/// default) their jobs died with it, and a request that died between its commit and its enqueue left no job on
/// any storage. A run whose job is in fact alive elsewhere is harmless to enqueue again: the pipeline's lock
/// makes the second job wait, and it then finds the run finished and does nothing.
/// </summary>
public sealed class StaleRunRecovery
{
    private readonly CltvDbContext _context;
    private readonly IBackgroundJobClient _jobs;

    /// <summary>Creates the recovery.</summary>
    /// <param name="context">The store.</param>
    /// <param name="jobs">Hangfire's client.</param>
    public StaleRunRecovery(CltvDbContext context, IBackgroundJobClient jobs)
    {
        _context = context;
        _jobs = jobs;
    }

    /// <summary>Enqueues a job for every queued or running run; call once when a host starts.</summary>
    /// <param name="cancellationToken">Cancels the recovery.</param>
    /// <returns>The runs enqueued again.</returns>
    public async Task<IReadOnlyList<long>> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var stale = await _context.CalculationRuns.AsNoTracking()
            .Where(r => r.Status == CalculationRunStatus.Queued || r.Status == CalculationRunStatus.Running)
            .OrderBy(r => r.Id)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var runId in stale)
        {
            RecalculationScheduler.Enqueue(_jobs, runId);
        }

        return stale;
    }
}
