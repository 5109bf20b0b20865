namespace CltvDashboard.Infrastructure.Data.Identity;

/// <summary>
/// A signed-in browser session. The session cookie names it, and a request is let in only while its row exists:
/// signing out, a role change, a lock or a new password delete the row, so a copied cookie stops working at once.
/// </summary>
public class UserSession
{
    /// <summary>The session's random id, carried in the cookie.</summary>
    public Guid Id { get; set; }

    /// <summary>The signed-in user; deleting the user deletes their sessions.</summary>
    public string UserId { get; set; } = "";

    /// <summary>When the user signed in, in UTC.</summary>
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the session was last checked against the store, in UTC, to within a minute.</summary>
    public DateTime LastSeenAtUtc { get; set; }
}
