using CltvDashboard.Infrastructure.Alerts.Delivery;
using Hangfire;
using Hangfire.States;

namespace CltvDashboard.Infrastructure.Jobs;

/// <summary>
/// The Hangfire job of one alert delivery: one attempt, then, when it failed and attempts remain, the next attempt
/// scheduled after the back-off of <see cref="AlertDeliveryOptions"/>. Runs on the default queue, which the web
/// application's server works; a recalculation never waits for it.
/// </summary>
public sealed class AlertDeliveryJob
{
    /// <summary>The queue of the deliveries.</summary>
    public const string Queue = EnqueuedState.DefaultQueue;

    private readonly AlertDeliveries _deliveries;
    private readonly IBackgroundJobClient _jobs;

    /// <summary>Creates the job over the services of the current DI scope.</summary>
    public AlertDeliveryJob(AlertDeliveries deliveries, IBackgroundJobClient jobs)
    {
        _deliveries = deliveries;
        _jobs = jobs;
    }

    /// <summary>Attempts a delivery and schedules the next attempt when it failed.</summary>
    /// <param name="deliveryId">The delivery.</param>
    /// <param name="cancellationToken">Hangfire's shutdown token.</param>
    [Queue(Queue)]
    [JobDisplayName("Deliver alert {0}")]
    [AutomaticRetry(Attempts = 3)]
    public async Task DeliverAsync(long deliveryId, CancellationToken cancellationToken)
    {
        if (await _deliveries.AttemptAsync(deliveryId, cancellationToken).ConfigureAwait(false) is { } wait)
        {
            _jobs.Schedule<AlertDeliveryJob>(Queue, job => job.DeliverAsync(deliveryId, CancellationToken.None), wait);
        }
    }
}
