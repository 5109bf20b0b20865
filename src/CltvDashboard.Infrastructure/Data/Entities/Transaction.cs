namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>
/// One purchase or refund line. Refunds are negative amounts so that summing gives net revenue.
/// </summary>
public class Transaction
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>The customer's key.</summary>
    public long CustomerId { get; set; }

    /// <summary>The customer.</summary>
    public Customer? Customer { get; set; }

    /// <summary>When the transaction happened, in UTC.</summary>
    public DateTime OccurredAtUtc { get; set; }

    /// <summary>Amount in <see cref="Currency"/>; negative for refunds. Stored with 4 decimal places.</summary>
    public decimal Amount { get; set; }

    /// <summary>ISO 4217 code, three letters.</summary>
    public required string Currency { get; set; }

    /// <summary>The order or invoice number in the source export, when it has one.</summary>
    public string? OrderReference { get; set; }

    /// <summary>The sales channel, when the export says.</summary>
    public string? Channel { get; set; }

    /// <summary>Units bought, when the export says.</summary>
    public decimal? Quantity { get; set; }

    /// <summary>The import that brought this row in.</summary>
    public long ImportBatchId { get; set; }

    /// <summary>The import that brought this row in.</summary>
    public ImportBatch? ImportBatch { get; set; }

    /// <summary>
    /// Hex SHA-256 of the fields that identify this row (the order reference and line where the export has one,
    /// else the row's content); unique in the dataset, so re-importing an overlapping export adds nothing twice.
    /// </summary>
    public required string ContentHash { get; set; }
}
