namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>
/// How many customers went from one segment in the previously current run to another in this run, for one
/// segmentation whose segments customers move between (RFM segment, value tier, churn-risk band).
/// </summary>
public class RunSegmentMigration
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>The run.</summary>
    public long CalculationRunId { get; set; }

    /// <summary>The segmentation (see <see cref="Segmentations"/>).</summary>
    public required string Segmentation { get; set; }

    /// <summary>The segment in the previous run; null for customers the previous run did not have.</summary>
    public string? FromSegment { get; set; }

    /// <summary>The segment in this run; null for customers of the previous run that this run no longer has.</summary>
    public string? ToSegment { get; set; }

    /// <summary>Customers who made this move (staying in the same segment included).</summary>
    public int CustomerCount { get; set; }
}
