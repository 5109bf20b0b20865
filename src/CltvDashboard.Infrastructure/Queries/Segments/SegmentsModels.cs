using CltvDashboard.Infrastructure.Calculation;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>One segment's row in a segmentation's table.</summary>
/// <param name="Segment">The segment's name.</param>
/// <param name="Customers">Customers.</param>
/// <param name="CustomerShare">Share of customers, 0–1.</param>
/// <param name="ValueShare">Share of the run's predicted CLV (of revenue when no model was fitted), 0–1.</param>
/// <param name="TotalRevenue">Net revenue to the as-of date.</param>
/// <param name="AverageOrderValue">Revenue per purchase occasion.</param>
/// <param name="RepeatRate">Share with a repeat purchase, 0–1.</param>
/// <param name="MeanProbabilityAlive">Mean P(alive).</param>
/// <param name="ExpectedPurchases">Expected purchases over the horizon, summed.</param>
/// <param name="TotalClv">Summed predicted CLV.</param>
/// <param name="MeanClv">Mean predicted CLV.</param>
/// <param name="ClvToCac">CLV:CAC (channels with a cost).</param>
/// <param name="PreviousCustomers">Customers in the previous run.</param>
/// <param name="MovedIn">Customers who moved in since the previous run.</param>
/// <param name="MovedOut">Customers who moved out since the previous run.</param>
/// <param name="RuleOfThumbClv">The owners' rule of thumb per customer (not the model's CLV); null without a lifespan or for older runs.</param>
public sealed record SegmentRow(
    string Segment,
    int Customers,
    double CustomerShare,
    double ValueShare,
    decimal TotalRevenue,
    decimal AverageOrderValue,
    double RepeatRate,
    double? MeanProbabilityAlive,
    double? ExpectedPurchases,
    decimal? TotalClv,
    decimal? MeanClv,
    double? ClvToCac,
    int? PreviousCustomers,
    int? MovedIn,
    int? MovedOut,
    decimal? RuleOfThumbClv)
{
    /// <summary>The segment's stored ranges over the horizon; null for a run that computed none.</summary>
    public TotalRangeFigures? Ranges { get; init; }
}

/// <summary>One cell of the RFM grid.</summary>
/// <param name="RecencyScore">R, 1–5, 5 the most recent.</param>
/// <param name="FrequencyMonetaryScore">FM, 1–5: the mean of F and M rounded half up.</param>
/// <param name="Customers">Customers in the cell.</param>
/// <param name="MeanClv">Their mean predicted CLV; null without a model.</param>
/// <param name="Segment">The RFM segment most of the cell's customers are in.</param>
public sealed record RfmGridCellSummary(int RecencyScore, int FrequencyMonetaryScore, int Customers, decimal? MeanClv, string Segment);
