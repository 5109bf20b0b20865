namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>
/// The audit record of one customer's erasure: who erased whom (by pseudonym) and when. It holds no personal data of
/// the customer: the external id, e-mail and name that were removed are not kept anywhere.
/// </summary>
public class CustomerErasure
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>The pseudonym that replaced the customer's external id (<c>erased-</c> and random characters).</summary>
    public required string Pseudonym { get; set; }

    /// <summary>When the erasure was committed, in UTC.</summary>
    public DateTime ErasedAtUtc { get; set; }

    /// <summary>The id of the Admin who erased the customer.</summary>
    public required string ErasedByUserId { get; set; }

    /// <summary>The Admin's e-mail address at the time, so the record stays readable after the user is removed.</summary>
    public required string ErasedByEmail { get; set; }

    /// <summary>The rejected import rows whose copy of the customer's details was removed.</summary>
    public int ImportProblemsScrubbed { get; set; }
}
