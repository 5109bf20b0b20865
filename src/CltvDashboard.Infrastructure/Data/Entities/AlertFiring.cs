using CltvDashboard.Domain.Alerts;

namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>One alert rule firing after one run: what it says, the customers or segments it names.</summary>
public class AlertFiring
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>The rule that fired.</summary>
    public AlertRuleKind Rule { get; set; }

    /// <summary>The run after which it fired; the firing goes with the run when runs are pruned or the demo removed.</summary>
    public long CalculationRunId { get; set; }

    /// <summary>When it fired, in UTC.</summary>
    public DateTime FiredAtUtc { get; set; }

    /// <summary>One sentence for people, without personal data (e.g. "3 high-value customers fell into high churn risk").</summary>
    public required string Summary { get; set; }

    /// <summary>The run's error or warnings for <see cref="AlertRuleKind.RunProblem"/>, one a line; null otherwise.</summary>
    public string? Details { get; set; }

    /// <summary>The customers it names, for the per-customer rules.</summary>
    public ICollection<AlertFiringCustomer> Customers { get; } = [];

    /// <summary>The segments it names, for <see cref="AlertRuleKind.SegmentChange"/>.</summary>
    public ICollection<AlertFiringSegment> Segments { get; } = [];
}

/// <summary>A customer an alert names, with the figures of the run that fired.</summary>
public class AlertFiringCustomer
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>The firing.</summary>
    public long AlertFiringId { get; set; }

    /// <summary>Place in the firing's list, from 0 (highest predicted CLV first).</summary>
    public int Position { get; set; }

    /// <summary>The customer's key in <c>customers</c>; like run results, deliberately not a foreign key.</summary>
    public long CustomerId { get; set; }

    /// <summary>The chance of buying again in the run that fired, 0–1.</summary>
    public double? PurchaseProbability { get; set; }

    /// <summary>The chance in the previous run, for the high-value rule.</summary>
    public double? PreviousPurchaseProbability { get; set; }

    /// <summary>Predicted CLV in the run's currency.</summary>
    public decimal? PredictedClv { get; set; }

    /// <summary>The expected next purchase day.</summary>
    public DateOnly? ExpectedNextPurchase { get; set; }

    /// <summary>Days overdue, for the overdue rule.</summary>
    public int? DaysOverdue { get; set; }
}

/// <summary>A segment a segment-change alert names.</summary>
public class AlertFiringSegment
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>The firing.</summary>
    public long AlertFiringId { get; set; }

    /// <summary>The segmentation's key.</summary>
    public required string Segmentation { get; set; }

    /// <summary>The segment.</summary>
    public required string Segment { get; set; }

    /// <summary>Customers in it in the run that fired.</summary>
    public int Customers { get; set; }

    /// <summary>Customers in it in the previous run.</summary>
    public int PreviousCustomers { get; set; }
}

/// <summary>
/// A customer a per-customer rule alerted who has not recovered since: while the row exists the rule does not name
/// them again. Deleted when they recover.
/// </summary>
public class AlertCustomerState
{
    /// <summary>The rule.</summary>
    public AlertRuleKind Rule { get; set; }

    /// <summary>The customer's key in <c>customers</c>.</summary>
    public long CustomerId { get; set; }

    /// <summary>The run whose firing alerted them.</summary>
    public long AlertedInRunId { get; set; }
}
