namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>A customer as the store knows them: one per external identifier in the dataset.</summary>
public class Customer
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>The identifier in the source exports (a customer id, or an email where the export has no id); unique.</summary>
    public required string ExternalId { get; set; }

    /// <summary>When the customer first appeared in any imported transaction, in UTC.</summary>
    public DateTime FirstSeenAtUtc { get; set; }

    /// <summary>The channel that acquired the customer, when an export says so.</summary>
    public string? AcquisitionChannel { get; set; }

    /// <summary>
    /// The customer's e-mail address when an export carries one: trimmed and lower-case (see
    /// <see cref="Import.CustomerContact"/>). Personal data: shown only to signed-in users and exported only by the
    /// audiences, which are for contacting people; removed when the customer is erased.
    /// </summary>
    public string? Email { get; set; }

    /// <summary>The customer's name when an export carries one, trimmed; personal data like <see cref="Email"/>.</summary>
    public string? Name { get; set; }

    /// <summary>The customer's transactions.</summary>
    public ICollection<Transaction> Transactions { get; } = [];
}
