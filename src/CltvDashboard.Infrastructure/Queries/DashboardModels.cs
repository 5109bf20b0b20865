using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>A calculation run as the dashboards name it.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Status">Its status.</param>
/// <param name="AsOfUtc">The as-of instant its results describe.</param>
/// <param name="ObservationEnd">The last day with data it used, when it got that far.</param>
/// <param name="FinishedAtUtc">When it finished, if it did.</param>
/// <param name="Stage">The stage it is in or failed in.</param>
/// <param name="PercentComplete">Progress, 0–100.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="RequestedAtUtc">When it was requested.</param>
public sealed record RunHeader(
    long Id,
    CalculationRunStatus Status,
    DateTime AsOfUtc,
    DateOnly? ObservationEnd,
    DateTime? FinishedAtUtc,
    string? Stage,
    int PercentComplete,
    string? Error,
    DateTime RequestedAtUtc);

/// <summary>What the dashboards can show: the current run, the one before it and the newest run when it is not the current one.</summary>
/// <param name="Current">The run the dashboards show; null before the first successful run.</param>
/// <param name="Previous">The successful run before the current one, for changes; null when there is none.</param>
/// <param name="Latest">The newest run when it is newer than the current one (queued, running or failed).</param>
/// <param name="CurrencyCode">The business's currency (ISO 4217), when set.</param>
/// <param name="TimeZoneId">The business's time zone (IANA id).</param>
/// <param name="ActiveProbabilityThreshold">The P(alive) from which a customer counts as active.</param>
/// <param name="ForecastHorizonMonths">The months that expected purchases and predicted revenue cover.</param>
public sealed record DashboardContext(
    RunHeader? Current,
    RunHeader? Previous,
    RunHeader? Latest,
    string? CurrencyCode,
    string TimeZoneId,
    double ActiveProbabilityThreshold,
    int ForecastHorizonMonths)
{
    /// <summary>Whether a run is queued or running after the current one.</summary>
    public bool RunInProgress => Latest is { Status: CalculationRunStatus.Queued or CalculationRunStatus.Running };

    /// <summary>Whether the newest run failed (or was cancelled) after the current one.</summary>
    public bool LatestFailed => Latest is { Status: CalculationRunStatus.Failed or CalculationRunStatus.Cancelled };
}

/// <summary>The headline figures of one run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Customers">Customers in the run.</param>
/// <param name="ActiveCustomers">Customers whose P(alive) reaches the active threshold.</param>
/// <param name="RepeatRate">Share of customers with at least one repeat purchase, 0–1.</param>
/// <param name="AverageOrderValue">Revenue per purchase occasion.</param>
/// <param name="PurchaseFrequency">Purchase occasions per customer.</param>
/// <param name="HistoricalRevenue">Net revenue to the as-of date.</param>
/// <param name="PredictedRevenue">Expected revenue from existing customers over the forecast horizon (undiscounted); null without a model.</param>
/// <param name="TotalClv">Sum of predicted CLV; null without a model.</param>
/// <param name="MeanClv">Mean predicted CLV; null without a model.</param>
/// <param name="MedianClv">Median predicted CLV; null without a model.</param>
/// <param name="ClvToCac">Mean CLV over the customer-weighted acquisition cost of channels with a known cost; null when no cost is known.</param>
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
    double? ClvToCac);

/// <summary>One run's point on the KPI trend, read from its stored segment totals.</summary>
/// <param name="RunId">The run.</param>
/// <param name="AsOfUtc">Its as-of instant.</param>
/// <param name="Customers">Customers.</param>
/// <param name="HistoricalRevenue">Net revenue to the as-of date.</param>
/// <param name="TotalClv">Sum of predicted CLV, when a model was fitted.</param>
/// <param name="MeanProbabilityAlive">Mean P(alive), when a model was fitted.</param>
public sealed record KpiTrendPoint(long RunId, DateTime AsOfUtc, int Customers, decimal HistoricalRevenue, decimal? TotalClv, double? MeanProbabilityAlive);

/// <summary>One bar of the CLV distribution: customers whose predicted CLV is in [From, To).</summary>
/// <param name="From">Lower bound, inclusive.</param>
/// <param name="To">Upper bound, exclusive; null for the open last bar.</param>
/// <param name="Customers">Customers in the bar.</param>
/// <param name="TotalClv">Their summed predicted CLV.</param>
public sealed record ClvBucket(decimal From, decimal? To, int Customers, decimal TotalClv);

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
    int? MovedOut);

/// <summary>One cell of the RFM grid.</summary>
/// <param name="RecencyScore">R, 1–5, 5 the most recent.</param>
/// <param name="FrequencyMonetaryScore">FM, 1–5: the mean of F and M rounded half up.</param>
/// <param name="Customers">Customers in the cell.</param>
/// <param name="MeanClv">Their mean predicted CLV; null without a model.</param>
/// <param name="Segment">The RFM segment most of the cell's customers are in.</param>
public sealed record RfmGridCellSummary(int RecencyScore, int FrequencyMonetaryScore, int Customers, decimal? MeanClv, string Segment);

/// <summary>The columns the customer list sorts by.</summary>
public enum CustomerSort
{
    /// <summary>Predicted CLV.</summary>
    PredictedClv,

    /// <summary>P(alive).</summary>
    ProbabilityAlive,

    /// <summary>Expected purchases over the horizon.</summary>
    ExpectedPurchases,

    /// <summary>Days since the last purchase.</summary>
    LastPurchase,

    /// <summary>Net revenue to date.</summary>
    Revenue,

    /// <summary>The customer's own id.</summary>
    CustomerId,
}

/// <summary>Ready-made filters of the customer list.</summary>
public enum CustomerPreset
{
    /// <summary>Everybody.</summary>
    None,

    /// <summary>Top value tier whose P(alive) fell since the previous run, or is in the high churn-risk band.</summary>
    HighValueAtRisk,

    /// <summary>The RFM segment Champions.</summary>
    Champions,
}

/// <summary>A request for one page of the customer list.</summary>
/// <param name="Search">Part of the customer's id, or null.</param>
/// <param name="Segment">An RFM segment, or null for all.</param>
/// <param name="Preset">A ready-made filter.</param>
/// <param name="Sort">The sort column.</param>
/// <param name="Descending">Sort direction.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Rows per page, 1–500.</param>
public sealed record CustomerListRequest(
    string? Search = null,
    string? Segment = null,
    CustomerPreset Preset = CustomerPreset.None,
    CustomerSort Sort = CustomerSort.PredictedClv,
    bool Descending = true,
    int Page = 1,
    int PageSize = 50);

/// <summary>One customer's row in the list.</summary>
/// <param name="CustomerId">The internal key.</param>
/// <param name="ExternalId">The business's own id for the customer.</param>
/// <param name="Segment">RFM segment.</param>
/// <param name="ValueTier">Value tier.</param>
/// <param name="ChurnRiskBand">Churn-risk band.</param>
/// <param name="ProbabilityAlive">P(alive).</param>
/// <param name="ExpectedPurchases">Expected purchases over the horizon.</param>
/// <param name="PredictedClv">Predicted CLV.</param>
/// <param name="TotalRevenue">Net revenue to date.</param>
/// <param name="LastPurchase">The day of the last purchase occasion.</param>
public sealed record CustomerRow(
    long CustomerId,
    string ExternalId,
    string Segment,
    string ValueTier,
    string ChurnRiskBand,
    double? ProbabilityAlive,
    double? ExpectedPurchases,
    decimal? PredictedClv,
    decimal TotalRevenue,
    DateOnly? LastPurchase);

/// <summary>A page of rows and the total behind it.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Items">This page's rows.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Rows per page.</param>
/// <param name="TotalCount">Rows over all pages.</param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    /// <summary>Number of pages, at least 1.</summary>
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

/// <summary>One purchase day of a customer.</summary>
/// <param name="OccurredAtUtc">When.</param>
/// <param name="Amount">Net amount (negative for a refund).</param>
/// <param name="Currency">Currency.</param>
/// <param name="OrderReference">The order's reference, when known.</param>
public sealed record PurchaseRow(DateTime OccurredAtUtc, decimal Amount, string Currency, string? OrderReference);

/// <summary>A customer's state in one run, for the segment and P(alive) history.</summary>
/// <param name="RunId">The run.</param>
/// <param name="AsOfUtc">Its as-of instant.</param>
/// <param name="Segment">RFM segment.</param>
/// <param name="ValueTier">Value tier.</param>
/// <param name="ProbabilityAlive">P(alive).</param>
/// <param name="ExpectedPurchases">Expected purchases over the horizon.</param>
/// <param name="PredictedClv">Predicted CLV.</param>
public sealed record CustomerRunState(long RunId, DateTime AsOfUtc, string Segment, string ValueTier, double? ProbabilityAlive, double? ExpectedPurchases, decimal? PredictedClv)
{
    /// <summary>The run's last day of data, in the business's time zone.</summary>
    public DateOnly? ObservationEnd { get; init; }
}

/// <summary>Everything the customer page shows.</summary>
/// <param name="CustomerId">The internal key.</param>
/// <param name="ExternalId">The business's own id.</param>
/// <param name="Current">The customer's metrics in the current run.</param>
/// <param name="Purchases">Purchases, oldest first (at most <see cref="DashboardQueries.MaxPurchasesShown"/>).</param>
/// <param name="TotalPurchases">All purchases stored for the customer.</param>
/// <param name="History">The customer's state in each kept successful run, oldest first.</param>
public sealed record CustomerDetail(
    long CustomerId,
    string ExternalId,
    RunCustomerMetric Current,
    IReadOnlyList<PurchaseRow> Purchases,
    int TotalPurchases,
    IReadOnlyList<CustomerRunState> History)
{
    /// <summary>
    /// P(alive) from the first purchase to the run's observation end with the run's chosen model; null when the run
    /// stored no usable purchase-count model or the customer has more than <see cref="DashboardQueries.MaxPurchasesRead"/> transactions.
    /// </summary>
    public AliveCurve? Curve { get; init; }
}
