using CltvDashboard.Infrastructure.Calculation;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>The headline figures of one run, as the run stored them with its own settings.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Customers">Customers in the run.</param>
/// <param name="ActiveCustomers">Customers whose P(alive) reaches the run's active threshold.</param>
/// <param name="RepeatRate">Share of customers with at least one repeat purchase, 0–1.</param>
/// <param name="AverageOrderValue">Revenue per purchase occasion.</param>
/// <param name="PurchaseFrequency">Purchase occasions per customer.</param>
/// <param name="HistoricalRevenue">Net revenue to the as-of date.</param>
/// <param name="PredictedRevenue">Expected revenue from existing customers over the run's forecast horizon (undiscounted); null without a model.</param>
/// <param name="TotalClv">Sum of predicted CLV; null without a model.</param>
/// <param name="MeanClv">Mean predicted CLV; null without a model.</param>
/// <param name="MedianClv">Median predicted CLV; null without a model.</param>
/// <param name="ClvToCac">Mean CLV over the customer-weighted acquisition cost of channels with a known cost; null when no cost is known.</param>
/// <param name="RuleOfThumb">The owners' rule of thumb beside the model's CLV; its value is null when the run stored none.</param>
public sealed record RunKpis(
    long RunId,
    int Customers,
    int ActiveCustomers,
    double RepeatRate,
    decimal AverageOrderValue,
    double PurchaseFrequency,
    decimal HistoricalRevenue,
    decimal? PredictedRevenue,
    decimal? TotalClv,
    decimal? MeanClv,
    decimal? MedianClv,
    double? ClvToCac,
    RuleOfThumbKpi RuleOfThumb)
{
    /// <summary>The stored ranges of the run's totals over the horizon (80 % and 95 % bounds); null for a run that computed none.</summary>
    public TotalRangeFigures? Ranges { get; init; }
}

/// <summary>
/// The owners' rule of thumb as a run stored it: average purchase value × purchases per year × expected lifespan −
/// acquisition cost, per customer. Not the model's CLV: it assumes every customer buys at the average rate for the
/// average lifespan.
/// </summary>
/// <param name="RuleOfThumbClv">The figure per customer; null without a lifespan or for runs computed before it was stored.</param>
/// <param name="PurchasesPerYear">Purchase occasions per customer per year.</param>
/// <param name="YearlyRetention">Observed yearly retention, 0–1.</param>
/// <param name="LifespanYears">Expected lifespan in years, 1 / (1 − retention).</param>
/// <param name="AcquisitionCost">Mean acquisition cost per customer subtracted.</param>
public sealed record RuleOfThumbKpi(decimal? RuleOfThumbClv, double? PurchasesPerYear, double? YearlyRetention, double? LifespanYears, decimal? AcquisitionCost);

/// <summary>One run's point on the KPI trend, read from its stored KPIs.</summary>
/// <param name="RunId">The run.</param>
/// <param name="AsOfUtc">Its as-of instant.</param>
/// <param name="Customers">Customers.</param>
/// <param name="HistoricalRevenue">Net revenue to the as-of date.</param>
/// <param name="TotalClv">Sum of predicted CLV, when a model was fitted.</param>
/// <param name="MeanProbabilityAlive">Mean P(alive), when a model was fitted.</param>
public sealed record KpiTrendPoint(long RunId, DateTime AsOfUtc, int Customers, decimal HistoricalRevenue, decimal? TotalClv, double? MeanProbabilityAlive)
{
    /// <summary>The run's last day of data: what the run describes, and how the trend labels it.</summary>
    public DateOnly? ObservationEnd { get; init; }
}

/// <summary>One bar of the CLV distribution: customers whose predicted CLV is in [From, To).</summary>
/// <param name="From">Lower bound, inclusive.</param>
/// <param name="To">Upper bound, exclusive; null for the open last bar.</param>
/// <param name="Customers">Customers in the bar.</param>
/// <param name="TotalClv">Their summed predicted CLV.</param>
public sealed record ClvBucket(decimal From, decimal? To, int Customers, decimal TotalClv);
