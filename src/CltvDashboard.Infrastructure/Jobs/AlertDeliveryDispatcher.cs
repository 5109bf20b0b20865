using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Jobs;

/// <summary>
/// Hands stored deliveries to the job queue: those a run's alerts created (after the run committed) and the tests
/// that "Send a test" asks for.
/// </summary>
public sealed class AlertDeliveryDispatcher
{
    private readonly CltvDbContext _context;
    private readonly IBackgroundJobClient _jobs;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the queue over the store and Hangfire's client.</summary>
    public AlertDeliveryDispatcher(CltvDbContext context, IBackgroundJobClient jobs, TimeProvider timeProvider)
    {
        _context = context;
        _jobs = jobs;
        _timeProvider = timeProvider;
    }

    /// <summary>Enqueues every pending delivery once, however many processes call this at a time.</summary>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>How many this call enqueued.</returns>
    public async Task<int> EnqueuePendingAsync(CancellationToken cancellationToken = default)
    {
        var pending = await _context.AlertDeliveries.AsNoTracking().Where(d => d.Status == AlertDeliveryStatus.Pending)
            .OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var enqueued = 0;
        foreach (var id in pending)
        {
            // The status change claims the delivery: of two callers only one changes the row.
            var claimed = await _context.AlertDeliveries.Where(d => d.Id == id && d.Status == AlertDeliveryStatus.Pending)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, AlertDeliveryStatus.Queued), cancellationToken).ConfigureAwait(false);
            if (claimed == 1)
            {
                _jobs.Enqueue<AlertDeliveryJob>(AlertDeliveryJob.Queue, job => job.DeliverAsync(id, CancellationToken.None));
                enqueued++;
            }
        }

        return enqueued;
    }

    /// <summary>Stores and enqueues a test delivery to one webhook or one user ("Send a test").</summary>
    /// <param name="channel">By webhook or e-mail.</param>
    /// <param name="webhookId">The webhook, for <see cref="AlertChannel.Webhook"/>.</param>
    /// <param name="userId">The user, for <see cref="AlertChannel.Email"/>.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The delivery's id.</returns>
    public async Task<long> SendTestAsync(AlertChannel channel, long? webhookId, string? userId, CancellationToken cancellationToken = default)
    {
        var delivery = new AlertDelivery
        {
            Channel = channel,
            WebhookEndpointId = channel == AlertChannel.Webhook ? webhookId ?? throw new ArgumentNullException(nameof(webhookId)) : null,
            RecipientUserId = channel == AlertChannel.Email ? userId ?? throw new ArgumentNullException(nameof(userId)) : null,
            Status = AlertDeliveryStatus.Queued,
            CreatedAtUtc = _timeProvider.GetUtcNow().UtcDateTime,
        };
        _context.AlertDeliveries.Add(delivery);
        await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var id = delivery.Id;
        _jobs.Enqueue<AlertDeliveryJob>(AlertDeliveryJob.Queue, job => job.DeliverAsync(id, CancellationToken.None));
        return id;
    }
}
