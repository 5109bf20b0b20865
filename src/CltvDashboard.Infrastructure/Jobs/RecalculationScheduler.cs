using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Jobs;

/// <summary>
/// Queues recalculations as Hangfire jobs. A request while a run waits to start joins that run, so a burst of
/// imports leads to one recalculation; requests from several instances at once are serialised by the database.
/// </summary>
public sealed class RecalculationScheduler : IRecalculationScheduler
{
    // Distinct from the pipeline's lock: requests must not wait for a run in progress.
    private const long RequestLockKey = 0x434C_5456_5245_5155; // "CLTVREQU"

    private readonly CltvDbContext _context;
    private readonly IBackgroundJobClient _jobs;
    private readonly TimeProvider _timeProvider;

    public RecalculationScheduler(CltvDbContext context, IBackgroundJobClient jobs, TimeProvider? timeProvider = null)
    {
        _context = context;
        _jobs = jobs;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<long> RequestAsync(CalculationTrigger trigger, CancellationToken cancellationToken = default)
    {
        long runId;
        // On SQLite the transaction begins IMMEDIATE, taking the write lock at once; on PostgreSQL a transaction
        // advisory lock does the same for this one decision. Either way two requests cannot both find no queued run.
        var transaction = await _context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            if (_context.Database.IsNpgsql())
            {
                await _context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RequestLockKey})", cancellationToken).ConfigureAwait(false);
            }

            var queued = await _context.CalculationRuns
                .Where(r => r.Status == CalculationRunStatus.Queued && r.StartedAtUtc == null)
                .OrderBy(r => r.Id)
                .Select(r => (long?)r.Id)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (queued is { } existing)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return existing;
            }

            var now = _timeProvider.GetUtcNow().UtcDateTime;
            var run = new CalculationRun { Status = CalculationRunStatus.Queued, Trigger = trigger, AsOfUtc = now, RequestedAtUtc = now, Stage = "Queued" };
            _context.CalculationRuns.Add(run);
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            runId = run.Id;
        }

        // Enqueued after the commit so the job never looks for a run that is not there yet. A process that dies
        // between the two leaves a queued run without a job: StaleRunRecovery enqueues it on the next start.
        Enqueue(_jobs, runId);
        return runId;
    }

    internal static void Enqueue(IBackgroundJobClient jobs, long runId) =>
        jobs.Enqueue<RecalculationJob>(RecalculationJob.Queue, job => job.RunAsync(runId, CancellationToken.None));
}
