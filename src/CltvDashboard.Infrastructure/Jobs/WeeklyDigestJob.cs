using CltvDashboard.Infrastructure.Alerts.Delivery;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Digest;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Infrastructure.Jobs;

/// <summary>
/// Sends the weekly digests that are due. A recurring job checks every quarter of an hour, so a slot in any time zone
/// (some are half or three quarters of an hour off UTC) goes out within minutes; each subscription records the slot it
/// was last sent for, so two instances checking at once, or a check repeated after a crash, send it once.
/// </summary>
public sealed partial class WeeklyDigestJob
{
    /// <summary>The recurring job's id in Hangfire.</summary>
    public const string RecurringJobId = "weekly-digest";

    /// <summary>Every quarter of an hour.</summary>
    public const string Cron = "*/15 * * * *";

    private readonly CltvDbContext _context;
    private readonly DigestComposer _composer;
    private readonly SmtpOptions _smtp;
    private readonly AlertDeliveryOptions _delivery;
    private readonly TimeProvider _time;
    private readonly ILogger<WeeklyDigestJob> _logger;

    public WeeklyDigestJob(CltvDbContext context, DigestComposer composer, IOptions<SmtpOptions> smtp, IOptions<AlertDeliveryOptions> delivery, TimeProvider time, ILogger<WeeklyDigestJob> logger)
    {
        _context = context;
        _composer = composer;
        _smtp = smtp.Value;
        _delivery = delivery.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Whether digests can be sent: an SMTP server and the application's address (for the links) are configured.</summary>
    public string? Unavailable =>
        !_smtp.IsConfigured ? "E-mail is not configured (Cltv:Smtp:Host and Sender)."
        : string.IsNullOrWhiteSpace(_delivery.AppUrl) ? "The application's address is not configured (Cltv:AlertDelivery:AppUrl), which the digest's links need."
        : null;

    /// <summary>Registers the recurring check; idempotent, so every instance may call it when it starts.</summary>
    /// <param name="recurringJobs">Hangfire's recurring jobs.</param>
    public static void Register(IRecurringJobManager recurringJobs)
    {
        ArgumentNullException.ThrowIfNull(recurringJobs);
        recurringJobs.AddOrUpdate<WeeklyDigestJob>(RecurringJobId, AlertDeliveryJob.Queue, job => job.SendDueAsync(CancellationToken.None), Cron);
    }

    /// <summary>Sends every digest whose slot has come and that was not sent for it yet.</summary>
    /// <param name="cancellationToken">Hangfire's shutdown token.</param>
    /// <returns>How many digests were sent.</returns>
    [Queue(AlertDeliveryJob.Queue)]
    [JobDisplayName("Send the weekly digests that are due")]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        if (Unavailable is { } why)
        {
            if (await _context.DigestSubscriptions.AnyAsync(cancellationToken))
            {
                LogUnavailable(why);
            }

            return 0;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var zoneId = await _context.BusinessSettings.AsNoTracking().Where(s => s.Id == BusinessSettings.SingletonId).Select(s => s.TimeZoneId).SingleAsync(cancellationToken);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        var due = (await _context.DigestSubscriptions.ToListAsync(cancellationToken))
            .Select(s => (Subscription: s, Slot: DigestSchedule.DueSlotUtc(s.Day, s.Hour, s.SubscribedAtUtc, s.LastScheduledForUtc, zone, now)))
            .Where(d => d.Slot is not null)
            .ToList();
        if (due.Count == 0 || await _composer.ComposeAsync(now, cancellationToken) is not { } digest)
        {
            return 0;
        }

        var sent = 0;
        foreach (var (subscription, slot) in due)
        {
            var recipient = await RecipientAsync(subscription.UserId, cancellationToken);
            // Sent for this slot whatever happens, so a failing server is not asked again every quarter of an hour.
            subscription.LastScheduledForUtc = slot;
            if (recipient is null)
            {
                subscription.LastError = "The user can no longer read the dashboards (locked, or without a role), so no digest was sent.";
            }
            else
            {
                subscription.LastError = await SendAsync(digest, subscription, recipient, cancellationToken);
                if (subscription.LastError is null)
                {
                    subscription.LastSentAtUtc = _time.GetUtcNow().UtcDateTime;
                    sent++;
                }
            }

            await _context.SaveChangesAsync(cancellationToken);
        }

        return sent;
    }

    /// <summary>Sends a user the digest now, whatever their schedule: the page's "Send me one now".</summary>
    /// <param name="userId">The user; they must be subscribed, since the digest carries their unsubscribe link.</param>
    /// <param name="cancellationToken">Stops the sending.</param>
    /// <returns>Null when sent; otherwise why not, in plain words.</returns>
    public async Task<string?> SendNowAsync(string userId, CancellationToken cancellationToken)
    {
        if (Unavailable is { } why)
        {
            return why;
        }

        var subscription = await _context.DigestSubscriptions.SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        if (subscription is null)
        {
            return "Opt in to the weekly digest first.";
        }

        if (await RecipientAsync(userId, cancellationToken) is not { } recipient)
        {
            return "Only users who can read the dashboards receive the digest.";
        }

        if (await _composer.ComposeAsync(_time.GetUtcNow().UtcDateTime, cancellationToken) is not { } digest)
        {
            return "There is no finished run to summarise yet.";
        }

        return await SendAsync(digest, subscription, recipient, cancellationToken);
    }

    /// <summary>The links of a subscription's digest.</summary>
    /// <param name="appUrl">The application's address.</param>
    /// <param name="subscription">The subscription.</param>
    public static DigestLinks Links(string appUrl, DigestSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return new DigestLinks(appUrl, appUrl.TrimEnd('/') + "/Digest/Unsubscribe?token=" + Uri.EscapeDataString(subscription.UnsubscribeToken));
    }

    private async Task<string?> SendAsync(WeeklyDigest digest, DigestSubscription subscription, string recipient, CancellationToken cancellationToken)
    {
        try
        {
            var message = DigestMail.Message(digest, Links(_delivery.AppUrl!, subscription), _smtp.Sender!, recipient);
            await AlertTransport.SendMailAsync(_smtp, message, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The address is personal data and stays out of the log; the user id finds it.
            LogFailed(e, subscription.UserId);
            return "The mail server refused the digest: " + e.Message;
        }
    }

    // Someone who can still read the dashboards (any role, not locked): the digest is the dashboards' content.
    private async Task<string?> RecipientAsync(string userId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var user = await _context.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.LockoutEnd }).SingleOrDefaultAsync(cancellationToken);
        if (user?.Email is null || user.LockoutEnd > now)
        {
            return null;
        }

        var roles = await _context.UserRoles.Where(r => r.UserId == userId).Join(_context.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(cancellationToken);
        return roles.Any(r => CltvRoles.All.Contains(r)) ? user.Email : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weekly digests are due but cannot be sent: {Reason}")]
    private partial void LogUnavailable(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The weekly digest to user {UserId} failed")]
    private partial void LogFailed(Exception exception, string userId);
}
