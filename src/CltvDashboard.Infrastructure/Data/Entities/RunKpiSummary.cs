namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>A run's headline figures, written with its results: the overview, the trend and the API read them as they are.</summary>
public class RunKpiSummary
{
    /// <summary>The run.</summary>
    public long CalculationRunId { get; set; }

    /// <summary>Customers in the run.</summary>
    public int Customers { get; set; }

    /// <summary>Customers whose P(alive) reaches <see cref="ActiveProbabilityThreshold"/>.</summary>
    public int ActiveCustomers { get; set; }

    /// <summary>The P(alive) from which the run counted a customer as active: the run's own setting.</summary>
    public double ActiveProbabilityThreshold { get; set; }

    /// <summary>Share of customers with at least one repeat purchase occasion, 0–1.</summary>
    public double RepeatRate { get; set; }

    /// <summary>Net revenue per purchase occasion.</summary>
    public decimal AverageOrderValue { get; set; }

    /// <summary>Purchase occasions per customer.</summary>
    public double PurchaseFrequency { get; set; }

    /// <summary>Net revenue to the as-of date.</summary>
    public decimal HistoricalRevenue { get; set; }

    /// <summary>Expected revenue from existing customers over the run's forecast horizon (undiscounted); null without a model.</summary>
    public decimal? PredictedRevenue { get; set; }

    /// <summary>Sum of predicted CLV; null without a model.</summary>
    public decimal? TotalClv { get; set; }

    /// <summary>Mean predicted CLV; null without a model.</summary>
    public decimal? MeanClv { get; set; }

    /// <summary>Median predicted CLV (the lower middle value for an even count); null without a model.</summary>
    public decimal? MedianClv { get; set; }

    /// <summary>Mean P(alive); null without a model.</summary>
    public double? MeanProbabilityAlive { get; set; }

    /// <summary>Mean CLV over the customer-weighted acquisition cost of channels with a known cost; null when no cost is known.</summary>
    public double? ClvToCac { get; set; }

    /// <summary>
    /// The owners' rule of thumb per customer: average purchase value × purchases per year × expected lifespan −
    /// mean acquisition cost. Beside <see cref="MeanClv"/>, never in its place; null without a lifespan or for runs
    /// computed before it was stored.
    /// </summary>
    public decimal? RuleOfThumbClv { get; set; }

    /// <summary>Purchase occasions per customer per year, the rule of thumb's frequency; null for older runs.</summary>
    public double? RuleOfThumbPurchasesPerYear { get; set; }

    /// <summary>The observed yearly retention behind the rule of thumb's lifespan, 0–1; null when the history is a year or shorter.</summary>
    public double? YearlyRetention { get; set; }

    /// <summary>The rule of thumb's expected lifespan in years; null without a retention below 1.</summary>
    public double? RuleOfThumbLifespanYears { get; set; }

    /// <summary>The mean acquisition cost per customer the rule of thumb subtracts; null for older runs.</summary>
    public decimal? RuleOfThumbAcquisitionCost { get; set; }

    /// <summary>
    /// The run's ranges as JSON (<see cref="Calculation.RunRanges"/>): the totals' 80 % and 95 % bounds, the holdout's
    /// range next to what happened and how much more data would narrow them. Null for a run that computed none.
    /// </summary>
    public string? RangesJson { get; set; }
}
