using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Hangfire;
using Hangfire.Common;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Jobs;

/// <summary>
/// Enqueues a job for runs left queued or running with no job left to carry them out: with in-memory job storage
/// (the SQLite default) every job died with the process, and on any storage a request that died between its commit
/// and its enqueue, or a <c>cltv recalc</c> that was killed, left a run with no job.
/// </summary>
/// <remarks>
/// A run whose job the storage still holds is left to Hangfire. On PostgreSQL the storage outlives every process:
/// a job fetched by a worker that died stays processing and is delivered again once its invisibility timeout
/// passes, and a run under way on another instance has its job processing there. A second job for such a run
/// would carry it out twice over: it waits on the pipeline's advisory lock, holding a worker, and after a failure
/// it would retry at once beside the retry Hangfire has scheduled. Hangfire's re-delivery plus that lock already
/// make the run finish exactly once.
/// </remarks>
public sealed class StaleRunRecovery
{
    private const int Page = 500;

    private readonly CltvDbContext _context;
    private readonly IBackgroundJobClient _jobs;
    private readonly JobStorage _storage;

    public StaleRunRecovery(CltvDbContext context, IBackgroundJobClient jobs, JobStorage storage)
    {
        _context = context;
        _jobs = jobs;
        _storage = storage;
    }

    /// <summary>Enqueues a job for every queued or running run that no job in the storage carries; call once when a host starts.</summary>
    /// <param name="cancellationToken">Cancels the recovery.</param>
    /// <returns>The runs enqueued again.</returns>
    public async Task<IReadOnlyList<long>> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var unfinished = await _context.CalculationRuns.AsNoTracking()
            .Where(r => r.Status == CalculationRunStatus.Queued || r.Status == CalculationRunStatus.Running)
            .OrderBy(r => r.Id)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (unfinished.Count == 0)
        {
            return [];
        }

        var carried = RunsWithLiveJobs();
        var stale = unfinished.Where(id => !carried.Contains(id)).ToList();
        foreach (var runId in stale)
        {
            RecalculationScheduler.Enqueue(_jobs, runId);
        }

        return stale;
    }

    // Enqueued, fetched, processing and scheduled jobs are the ones Hangfire will still run; succeeded, failed and
    // deleted ones are done with.
    private HashSet<long> RunsWithLiveJobs()
    {
        var monitoring = _storage.GetMonitoringApi();
        var runs = new HashSet<long>();
        Collect(runs, from => monitoring.EnqueuedJobs(RecalculationJob.Queue, from, Page).Select(j => j.Value?.Job));
        Collect(runs, from => monitoring.FetchedJobs(RecalculationJob.Queue, from, Page).Select(j => j.Value?.Job));
        Collect(runs, from => monitoring.ProcessingJobs(from, Page).Select(j => j.Value?.Job));
        Collect(runs, from => monitoring.ScheduledJobs(from, Page).Select(j => j.Value?.Job));
        return runs;
    }

    private static void Collect(HashSet<long> runs, Func<int, IEnumerable<Job?>> page)
    {
        for (var from = 0; ; from += Page)
        {
            var jobs = page(from).ToList();
            foreach (var job in jobs)
            {
                if (job is { Type: var type, Method.Name: nameof(RecalculationJob.RunAsync), Args: [long runId, ..] } && type == typeof(RecalculationJob))
                {
                    runs.Add(runId);
                }
            }

            if (jobs.Count < Page)
            {
                return;
            }
        }
    }
}
