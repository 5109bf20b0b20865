namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>One segment's totals in one calculation run, for one way of segmenting customers.</summary>
public class RunSegmentSummary
{
    /// <summary>The run.</summary>
    public long CalculationRunId { get; set; }

    /// <summary>The segmentation the segment belongs to (see <see cref="Segmentations"/>).</summary>
    public string Segmentation { get; set; } = Segmentations.Rfm;

    /// <summary>The segment's name within its segmentation (e.g. "Champions", "Top", "High", "1997-01", a channel).</summary>
    public required string Segment { get; set; }

    /// <summary>Customers in the segment.</summary>
    public int CustomerCount { get; set; }

    /// <summary>The segment's share of all customers of the run, 0–1.</summary>
    public double Share { get; set; }

    /// <summary>Net revenue of the segment's customers to the as-of date.</summary>
    public decimal TotalRevenue { get; set; }

    /// <summary>Net revenue per purchase occasion of the segment's customers.</summary>
    public decimal AverageOrderValue { get; set; }

    /// <summary>Share of the segment's customers with at least one repeat purchase occasion, 0–1.</summary>
    public double RepeatRate { get; set; }

    /// <summary>Sum of the customers' predicted CLV; null when no model was fitted.</summary>
    public decimal? TotalPredictedClv { get; set; }

    /// <summary>Mean predicted CLV per customer; null when no model was fitted.</summary>
    public decimal? AveragePredictedClv { get; set; }

    /// <summary>Mean P(alive) of the segment's customers; null when no model was fitted.</summary>
    public double? AverageProbabilityAlive { get; set; }

    /// <summary>Sum of the customers' expected purchases over the forecast horizon; null when no model was fitted.</summary>
    public double? TotalExpectedPurchases { get; set; }

    /// <summary>The acquisition cost per customer set for the segment's channel (channel segmentation only).</summary>
    public decimal? AcquisitionCostPerCustomer { get; set; }

    /// <summary>Mean predicted CLV over the channel's acquisition cost; null without a positive cost or a model.</summary>
    public double? ClvToCac { get; set; }

    /// <summary>Customers in the segment in the previously current run; null when there was none.</summary>
    public int? PreviousCustomerCount { get; set; }

    /// <summary>Customers in the segment now who were in another segment (or absent) in the previous run; null without one.</summary>
    public int? CustomersMovedIn { get; set; }

    /// <summary>Customers in the segment in the previous run who are in another segment (or absent) now; null without one.</summary>
    public int? CustomersMovedOut { get; set; }

    /// <summary>
    /// The owners' rule of thumb per customer for the segment's purchase value and frequency with the run's lifespan;
    /// not the model's CLV. Null without a lifespan or for runs computed before it was stored.
    /// </summary>
    public decimal? RuleOfThumbClv { get; set; }

    /// <summary>
    /// The segment's ranges over the horizon as JSON (<see cref="Calculation.TotalRangeFigures"/>); null for a run that
    /// computed none.
    /// </summary>
    public string? RangesJson { get; set; }
}
