namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>
/// The business's settings: a single row (<see cref="SingletonId"/>), typed so that a missing or misspelt
/// setting is a compile error rather than a lookup that silently finds nothing.
/// </summary>
public class BusinessSettings
{
    /// <summary>The key of the only row.</summary>
    public const int SingletonId = 1;

    /// <summary>Always <see cref="SingletonId"/>.</summary>
    public int Id { get; set; } = SingletonId;

    /// <summary>IANA time zone of the business (e.g. "Europe/Berlin"); days and months are cut in this zone.</summary>
    public required string TimeZoneId { get; set; }

    /// <summary>ISO 4217 code of the dataset's currency; null until the first import sets it.</summary>
    public string? CurrencyCode { get; set; }

    /// <summary>When a setting last changed, in UTC; null for the defaults.</summary>
    public DateTime? UpdatedAtUtc { get; set; }
}
