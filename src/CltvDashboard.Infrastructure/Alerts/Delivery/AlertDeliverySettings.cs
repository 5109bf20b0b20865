using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Alerts.Delivery;

/// <summary>Where alerts go, as an Admin sets it: webhooks with their secrets, and the users who receive e-mail.</summary>
public sealed class AlertDeliverySettings
{
    private readonly CltvDbContext _context;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the service over a store.</summary>
    public AlertDeliverySettings(CltvDbContext context, TimeProvider timeProvider)
    {
        _context = context;
        _timeProvider = timeProvider;
    }

    /// <summary>Adds a webhook with a new secret, which the caller shows once.</summary>
    /// <param name="name">What it is for.</param>
    /// <param name="url">HTTPS, or HTTP to this machine.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>The webhook and its secret; null with the reason when the name or address is refused.</returns>
    public async Task<(WebhookEndpoint? Webhook, string? Secret, string? Problem)> AddWebhookAsync(string name, string url, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        url = url?.Trim() ?? "";
        if (name.Length is 0 or > 128)
        {
            return (null, null, "Name the webhook (at most 128 characters).");
        }

        if (url.Length > 2000 || !WebhookSignature.IsAllowedUrl(url))
        {
            return (null, null, "The address must start with https:// (http:// only to this machine, for development).");
        }

        var secret = WebhookSignature.NewSecret();
        var webhook = new WebhookEndpoint { Name = name, Url = url, Secret = secret, CreatedAtUtc = _timeProvider.GetUtcNow().UtcDateTime };
        _context.WebhookEndpoints.Add(webhook);
        await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (webhook, secret, null);
    }

    /// <summary>Removes a webhook and its deliveries.</summary>
    /// <param name="webhookId">The webhook.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>Whether there was one.</returns>
    public async Task<bool> RemoveWebhookAsync(long webhookId, CancellationToken cancellationToken = default) =>
        await _context.WebhookEndpoints.Where(w => w.Id == webhookId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>Makes exactly these users the e-mail recipients; ids of no user are ignored.</summary>
    /// <param name="userIds">The users.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    public async Task SetRecipientsAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var known = await _context.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var current = await _context.AlertRecipients.ToListAsync(cancellationToken).ConfigureAwait(false);
        _context.AlertRecipients.RemoveRange(current.Where(r => !known.Contains(r.UserId)));
        _context.AlertRecipients.AddRange(known.Where(id => current.All(r => r.UserId != id)).Select(id => new AlertRecipient { UserId = id }));
        await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
