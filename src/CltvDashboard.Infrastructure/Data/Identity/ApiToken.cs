namespace CltvDashboard.Infrastructure.Data.Identity;

/// <summary>
/// A bearer token an Admin created for a user to call the read-only API from a script. Only the SHA-256 hash of the
/// secret is kept, so the store cannot give the secret back; the token acts with its user's current roles.
/// </summary>
public class ApiToken
{
    /// <summary>The token's key.</summary>
    public long Id { get; set; }

    /// <summary>The user the token acts as; deleting the user deletes their tokens.</summary>
    public string UserId { get; set; } = "";

    /// <summary>What the token is for, as the Admin named it.</summary>
    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the secret: the lookup key of an incoming token.</summary>
    public string SecretHash { get; set; } = "";

    /// <summary>The secret's first characters, to tell tokens apart in lists without revealing them.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>
    /// The Admin who created the token; null for tokens created before this was recorded. Not a foreign key: a
    /// token whose creator was since locked, demoted or removed is listed for review rather than dropped.
    /// </summary>
    public string? CreatedByUserId { get; set; }

    /// <summary>When the token was created, in UTC.</summary>
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the token stops working, in UTC; null for never.</summary>
    public DateTime? ExpiresAtUtc { get; set; }

    /// <summary>When the token was last accepted, in UTC, to within a minute; null if never.</summary>
    public DateTime? LastUsedAtUtc { get; set; }

    /// <summary>When an Admin revoked the token, in UTC; null while it is valid.</summary>
    public DateTime? RevokedAtUtc { get; set; }
}
