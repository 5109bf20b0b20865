namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>One segment's totals in one calculation run.</summary>
public class RunSegmentSummary
{
    /// <summary>The run.</summary>
    public long CalculationRunId { get; set; }

    /// <summary>The segment's name.</summary>
    public required string Segment { get; set; }

    /// <summary>Customers in the segment.</summary>
    public int CustomerCount { get; set; }

    /// <summary>Net revenue of the segment's customers to the as-of date.</summary>
    public decimal TotalRevenue { get; set; }

    /// <summary>Sum of the customers' predicted CLV; null when no model was fitted.</summary>
    public decimal? TotalPredictedClv { get; set; }

    /// <summary>Mean P(alive) of the segment's customers; null when no model was fitted.</summary>
    public double? AverageProbabilityAlive { get; set; }
}
