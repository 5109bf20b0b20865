namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>One customer's measures, scores and forecasts in one calculation run.</summary>
public class RunCustomerMetric
{
    /// <summary>The run.</summary>
    public long CalculationRunId { get; set; }

    /// <summary>
    /// The customer's key in <c>customers</c>. Deliberately not a navigation with a foreign key: results are a snapshot
    /// that outlives the customer rows (see the configuration); join on it where the external id is needed.
    /// </summary>
    public long CustomerId { get; set; }

    /// <summary>Repeat purchase occasions (x in BG/NBD), the first excluded.</summary>
    public int Frequency { get; set; }

    /// <summary>Days from the first to the last purchase occasion (t_x).</summary>
    public double RecencyDays { get; set; }

    /// <summary>Days from the first purchase occasion to the as-of date (T).</summary>
    public double TenureDays { get; set; }

    /// <summary>Days from the last purchase occasion to the as-of date, as RFM uses it.</summary>
    public int DaysSinceLastPurchase { get; set; }

    /// <summary>Net revenue to the as-of date, refunds deducted.</summary>
    public decimal TotalRevenue { get; set; }

    /// <summary>Mean value of the repeat purchase occasions; 0 without repeats.</summary>
    public decimal MeanRepeatPurchaseValue { get; set; }

    /// <summary>RFM recency score, 1–5.</summary>
    public int RecencyScore { get; set; }

    /// <summary>RFM frequency score, 1–5.</summary>
    public int FrequencyScore { get; set; }

    /// <summary>RFM monetary score, 1–5.</summary>
    public int MonetaryScore { get; set; }

    /// <summary>The RFM segment.</summary>
    public required string Segment { get; set; }

    /// <summary>The value tier by predicted CLV (by historical revenue when no model was fitted): Top, Middle or Low.</summary>
    public string ValueTier { get; set; } = Segmentations.Unknown;

    /// <summary>
    /// The churn-risk band by the chance of buying again within the run's window (by P(alive) in runs stored before that
    /// figure existed): High, Medium or Low; Unknown when no model was fitted.
    /// </summary>
    public string ChurnRiskBand { get; set; } = Segmentations.Unknown;

    /// <summary>The first day of the month of the customer's first purchase occasion, in the business's time zone.</summary>
    public DateOnly AcquisitionCohort { get; set; }

    /// <summary>The channel that acquired the customer, when known.</summary>
    public string? AcquisitionChannel { get; set; }

    /// <summary>Expected value of a future purchase (Gamma-Gamma, or the historical average where it cannot speak).</summary>
    public decimal? ExpectedAverageValue { get; set; }

    /// <summary>P(alive) at the as-of date, 0–1; null when no model was fitted.</summary>
    public double? ProbabilityAlive { get; set; }

    /// <summary>Expected purchases over the forecast horizon; null when no model was fitted.</summary>
    public double? ExpectedPurchases { get; set; }

    /// <summary>Discounted CLV over the valuation horizon, in the dataset's currency; null when no model was fitted.</summary>
    public decimal? PredictedClv { get; set; }

    /// <summary>
    /// The chance of at least one purchase within the run's window of days after the observation end (its settings'
    /// <c>PurchaseWindowDays</c>), 0–1; null when no model was fitted or the run predates the figure.
    /// </summary>
    public double? PurchaseProbability { get; set; }

    /// <summary>
    /// The day by which the model gives an even chance of the next purchase, in the business's time zone; null when that
    /// chance is never reached, no model was fitted or the run predates the figure.
    /// </summary>
    public DateOnly? ExpectedNextPurchase { get; set; }

    /// <summary>
    /// The 10 % point of the customer's purchases over the forecast horizon: at most a 10 % chance of fewer. Null when
    /// no model was fitted or the run computed no ranges.
    /// </summary>
    public int? PurchasesLow80 { get; set; }

    /// <summary>The 90 % point of the customer's purchases over the horizon: at most a 10 % chance of more; null as <see cref="PurchasesLow80"/>.</summary>
    public int? PurchasesHigh80 { get; set; }

    /// <summary>The customer's CLV at <see cref="PurchasesLow80"/> purchases; null without ranges or spend figures.</summary>
    public decimal? ClvLow80 { get; set; }

    /// <summary>The customer's CLV at <see cref="PurchasesHigh80"/> purchases; null without ranges or spend figures.</summary>
    public decimal? ClvHigh80 { get; set; }
}
