using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries.Alerts;
using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CltvDashboard.Infrastructure.Alerts.Delivery;

/// <summary>
/// Makes one attempt at a delivery and records it, saying whether and when to try again. A failing webhook or mail
/// server fails its delivery only, never a run: deliveries are attempted by their own jobs after the run committed.
/// </summary>
public sealed class AlertDeliveries
{
    private readonly CltvDbContext _context;
    private readonly AlertTransport _transport;
    private readonly AlertDeliveryOptions _options;
    private readonly SmtpOptions _smtp;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the service.</summary>
    public AlertDeliveries(CltvDbContext context, AlertTransport transport, IOptions<AlertDeliveryOptions> options, IOptions<SmtpOptions> smtp, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(smtp);
        _context = context;
        _transport = transport;
        _options = options.Value;
        _smtp = smtp.Value;
        _timeProvider = timeProvider;
    }

    /// <summary>The Alerts page's address, when the application's address is configured.</summary>
    public string? AlertsUrl => string.IsNullOrEmpty(_options.AppUrl) ? null : _options.AppUrl.TrimEnd('/') + "/Alerts";

    /// <summary>
    /// Attempts a delivery once and records the attempt. A delivery already delivered or failed is left alone.
    /// </summary>
    /// <param name="deliveryId">The delivery.</param>
    /// <param name="cancellationToken">Stops the attempt.</param>
    /// <returns>The wait before the next attempt; null when there is none to make (delivered, failed for good, gone).</returns>
    public async Task<TimeSpan?> AttemptAsync(long deliveryId, CancellationToken cancellationToken = default)
    {
        var delivery = await _context.AlertDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken).ConfigureAwait(false);
        if (delivery is null or { Status: AlertDeliveryStatus.Delivered or AlertDeliveryStatus.Failed })
        {
            return null;
        }

        var (succeeded, outcome) = await SendAsync(delivery, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        delivery.Attempts++;
        _context.Set<AlertDeliveryAttempt>().Add(new AlertDeliveryAttempt
        {
            AlertDeliveryId = delivery.Id,
            Number = delivery.Attempts,
            AttemptedAtUtc = now,
            Succeeded = succeeded,
            Outcome = outcome.Length > 2000 ? outcome[..2000] : outcome,
        });
        TimeSpan? retry = null;
        if (succeeded)
        {
            delivery.Status = AlertDeliveryStatus.Delivered;
            delivery.DeliveredAtUtc = now;
            delivery.NextAttemptAtUtc = null;
        }
        else if (delivery.Attempts >= _options.MaxAttempts)
        {
            delivery.Status = AlertDeliveryStatus.Failed;
            delivery.NextAttemptAtUtc = null;
        }
        else
        {
            retry = _options.RetryDelay(delivery.Attempts);
            delivery.Status = AlertDeliveryStatus.Retrying;
            delivery.NextAttemptAtUtc = now + retry.Value;
        }

        await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return retry;
    }

    private async Task<(bool Succeeded, string Outcome)> SendAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        var firing = delivery.AlertFiringId is { } firingId
            ? await new AlertQueries(_context).FiringAsync(firingId, AlertContent.CustomersListed, cancellationToken).ConfigureAwait(false)
            : null;
        if (delivery.AlertFiringId is not null && firing is null)
        {
            return (false, "The alert is gone (its run was removed).");
        }

        try
        {
            if (delivery.Channel == AlertChannel.Webhook)
            {
                var webhook = await _context.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(w => w.Id == delivery.WebhookEndpointId, cancellationToken).ConfigureAwait(false);
                if (webhook is null)
                {
                    return (false, "The webhook was removed.");
                }

                return await _transport.PostWebhookAsync(webhook.Url, webhook.Secret, AlertContent.WebhookBody(delivery.Id, firing, AlertsUrl), cancellationToken).ConfigureAwait(false);
            }

            if (!_smtp.IsConfigured)
            {
                return (false, "E-mail is not configured (Cltv:Smtp:Host and Sender).");
            }

            var email = await _context.Users.AsNoTracking().Where(u => u.Id == delivery.RecipientUserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(email))
            {
                return (false, "The recipient has no e-mail address.");
            }

            var answer = await AlertTransport.SendMailAsync(_smtp, AlertContent.Mail(_smtp.Sender!, email, firing, AlertsUrl), cancellationToken).ConfigureAwait(false);
            return (true, answer);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or ProtocolException or CommandException or ParseException
            or MailKit.Security.AuthenticationException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // The message says what failed (connection refused, timeout, authentication); no address is in it.
            return (false, e.GetType().Name + ": " + e.Message);
        }
    }
}
