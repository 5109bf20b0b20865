namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>
/// A user's wish to receive the weekly digest by e-mail, at a day and hour in the business's time zone. One per user;
/// deleting the user deletes it. The unsubscribe link carries a random token of its own, kept as it is
/// because every digest must carry it: it opens nothing but this user's unsubscribe, without signing in.
/// </summary>
public class DigestSubscription
{
    /// <summary>The user who receives the digest, at the e-mail address they sign in with.</summary>
    public string UserId { get; set; } = "";

    /// <summary>The day of the week the digest is sent on.</summary>
    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;

    /// <summary>The hour of that day, 0–23, in the business's time zone.</summary>
    public int Hour { get; set; } = 8;

    /// <summary>The unsubscribe link's random token (URL-safe base64 of 32 bytes).</summary>
    public string UnsubscribeToken { get; set; } = "";

    /// <summary>When the user opted in, in UTC.</summary>
    public DateTime SubscribedAtUtc { get; set; }

    /// <summary>The scheduled instant of the last digest sent, in UTC; null before the first.</summary>
    public DateTime? LastScheduledForUtc { get; set; }

    /// <summary>When the last digest was handed to the mail server, in UTC.</summary>
    public DateTime? LastSentAtUtc { get; set; }

    /// <summary>Why the last attempt failed, in plain words; null after a success.</summary>
    public string? LastError { get; set; }
}
