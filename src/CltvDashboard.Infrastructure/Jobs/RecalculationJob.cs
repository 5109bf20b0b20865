using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data.Entities;
using Hangfire;

namespace CltvDashboard.Infrastructure.Jobs;

/// <summary>
/// The Hangfire jobs of recalculation: thin, resolved from DI, given ids only. Running one twice is safe: the
/// pipeline leaves a finished run alone and clears what an unfinished attempt wrote.
/// </summary>
public sealed class RecalculationJob
{
    /// <summary>The Hangfire queue the recalculation jobs run on; a worker-only instance listens to it.</summary>
    public const string Queue = "recalculation";

    private readonly RecalculationPipeline _pipeline;
    private readonly IRecalculationScheduler _scheduler;
    private readonly AlertDeliveryDispatcher _alerts;

    /// <summary>Creates the job over the pipeline and the scheduler of the current DI scope.</summary>
    /// <param name="pipeline">Carries out a run.</param>
    /// <param name="scheduler">Queues the nightly run.</param>
    /// <param name="alerts">Hands the deliveries of the run's alerts to their own jobs.</param>
    public RecalculationJob(RecalculationPipeline pipeline, IRecalculationScheduler scheduler, AlertDeliveryDispatcher alerts)
    {
        _pipeline = pipeline;
        _scheduler = scheduler;
        _alerts = alerts;
    }

    /// <summary>
    /// Carries out a queued run. Transient failures (the database, the process) are retried with growing delays, then
    /// left failed with the run's error; a run the data or settings cannot support fails at once, since trying the
    /// same data again gives the same answer and the next import or settings change requests a new run anyway.
    /// A retry that a newer run has overtaken ends superseded, never current.
    /// </summary>
    /// <param name="runId">The <see cref="CalculationRun"/> to carry out.</param>
    /// <param name="cancellationToken">Hangfire's shutdown token.</param>
    [Queue(Queue)]
    [JobDisplayName("Recalculate run {0}")]
    [AutomaticRetry(
        Attempts = 3,
        DelaysInSeconds = [30, 120, 600],
        OnAttemptsExceeded = AttemptsExceededAction.Fail,
        ExceptOn = [typeof(RecalculationException), typeof(Domain.Clv.ModelFitException)])]
    public async Task RunAsync(long runId, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.RunAsync(runId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // After the run committed or recorded its failure: a delivery is its own job and never holds up a run.
            await _alerts.EnqueuePendingAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The nightly trigger: asks for a run like any other request, so it coalesces with one already queued.</summary>
    /// <param name="cancellationToken">Hangfire's shutdown token.</param>
    [Queue(Queue)]
    [JobDisplayName("Nightly recalculation")]
    [AutomaticRetry(Attempts = 3)]
    public async Task RequestNightlyAsync(CancellationToken cancellationToken)
    {
        await _scheduler.RequestAsync(CalculationTrigger.Schedule, cancellationToken).ConfigureAwait(false);
    }
}
