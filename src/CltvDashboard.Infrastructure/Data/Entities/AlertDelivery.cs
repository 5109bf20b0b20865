namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>A webhook that receives every alert, signed with its own secret.</summary>
public class WebhookEndpoint
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>What it is for, as the Admin named it.</summary>
    public required string Name { get; set; }

    /// <summary>Where alerts are posted: HTTPS, or HTTP to this machine (loopback) for development and tests.</summary>
    public required string Url { get; set; }

    /// <summary>
    /// The HMAC-SHA256 key of the signatures. Kept as given because signing needs it; shown once at creation and never
    /// again by any page.
    /// </summary>
    public required string Secret { get; set; }

    /// <summary>When it was added, in UTC.</summary>
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A user who receives alerts by e-mail, at the address of their account.</summary>
public class AlertRecipient
{
    /// <summary>The user; removing the user removes the row.</summary>
    public required string UserId { get; set; }
}

/// <summary>One alert (or test) to one webhook or one user, with where its delivery stands.</summary>
public class AlertDelivery
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>The firing delivered; null for a test ("Send a test").</summary>
    public long? AlertFiringId { get; set; }

    /// <summary>By e-mail or webhook.</summary>
    public AlertChannel Channel { get; set; }

    /// <summary>The webhook, for <see cref="AlertChannel.Webhook"/>.</summary>
    public long? WebhookEndpointId { get; set; }

    /// <summary>The recipient's user id, for <see cref="AlertChannel.Email"/>.</summary>
    public string? RecipientUserId { get; set; }

    /// <summary>Where the delivery stands.</summary>
    public AlertDeliveryStatus Status { get; set; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>When it was created, in UTC.</summary>
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When it was delivered, in UTC.</summary>
    public DateTime? DeliveredAtUtc { get; set; }

    /// <summary>When the next attempt is due, while retrying, in UTC.</summary>
    public DateTime? NextAttemptAtUtc { get; set; }

    /// <summary>Every attempt, in order.</summary>
    public ICollection<AlertDeliveryAttempt> AttemptLog { get; } = [];
}

/// <summary>One attempt at a delivery and how it ended.</summary>
public class AlertDeliveryAttempt
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>The delivery.</summary>
    public long AlertDeliveryId { get; set; }

    /// <summary>1 for the first attempt.</summary>
    public int Number { get; set; }

    /// <summary>When it was made, in UTC.</summary>
    public DateTime AttemptedAtUtc { get; set; }

    /// <summary>Whether it delivered.</summary>
    public bool Succeeded { get; set; }

    /// <summary>What happened, without personal data: "HTTP 200", "HTTP 500", "SMTP: 250 OK", the error's message.</summary>
    public required string Outcome { get; set; }
}

/// <summary>How an alert travels.</summary>
public enum AlertChannel
{
    /// <summary>E-mail over SMTP to a user.</summary>
    Email,

    /// <summary>A signed HTTPS POST.</summary>
    Webhook,
}

/// <summary>Where a delivery stands.</summary>
public enum AlertDeliveryStatus
{
    /// <summary>Stored with its firing, not yet handed to the job queue.</summary>
    Pending,

    /// <summary>Handed to the job queue.</summary>
    Queued,

    /// <summary>An attempt failed; another is scheduled.</summary>
    Retrying,

    /// <summary>Delivered.</summary>
    Delivered,

    /// <summary>Every attempt failed.</summary>
    Failed,
}
