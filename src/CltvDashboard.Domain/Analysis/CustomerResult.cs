namespace CltvDashboard.Domain.Analysis;

/// <summary>One customer's figures in an analysis, a struct so that a million of them are one array, not a million objects.</summary>
/// <param name="CustomerId">The customer's identifier in the transaction log.</param>
/// <param name="Frequency">x: repeat purchase occasions up to the observation end.</param>
/// <param name="RecencyDays">t_x in days: from the first to the last purchase occasion.</param>
/// <param name="TenureDays">T in days: from the first purchase occasion to the observation end.</param>
/// <param name="DaysSinceLastPurchase">Days from the last purchase occasion to the observation end.</param>
/// <param name="TotalRevenue">Net revenue to the observation end.</param>
/// <param name="MeanRepeatPurchaseValue">Mean net value of the repeat purchase occasions (m̄), rounded to 4 places.</param>
/// <param name="RecencyScore">RFM recency score, 1–5.</param>
/// <param name="FrequencyScore">RFM frequency score, 1–5.</param>
/// <param name="MonetaryScore">RFM monetary score, 1–5.</param>
/// <param name="Segment">The RFM segment.</param>
/// <param name="ValueTier">The value tier.</param>
/// <param name="ChurnRiskBand">The churn-risk band, judged on <paramref name="PurchaseProbability"/>.</param>
/// <param name="AcquisitionCohort">The first day of the month of the first purchase occasion.</param>
/// <param name="AcquisitionChannel">The channel the customer came from; null when the data does not say.</param>
/// <param name="ExpectedAverageValue">Expected value of a future purchase occasion (Gamma-Gamma, or the historical average).</param>
/// <param name="ProbabilityAlive">P(alive) at the observation end; null without a purchase-count model.</param>
/// <param name="ExpectedPurchases">Expected purchases over the CLV horizon; null without a purchase-count model.</param>
/// <param name="PredictedClv">Discounted CLV over the horizon; null without a purchase-count model.</param>
/// <param name="PurchaseProbability">
/// The chance of buying again: P(at least one purchase in the settings' window of days after the observation end);
/// null without a purchase-count model.
/// </param>
/// <param name="ExpectedNextPurchase">
/// The first day by whose end the model gives an even chance of a next purchase (the observation end plus the time to
/// that chance, rounded up to whole days: <see cref="Clv.NextPurchase.DateOfEvenChance"/>); null when that chance is
/// never reached or without a purchase-count model.
/// </param>
public readonly record struct CustomerResult(
    string CustomerId,
    int Frequency,
    double RecencyDays,
    double TenureDays,
    int DaysSinceLastPurchase,
    decimal TotalRevenue,
    decimal MeanRepeatPurchaseValue,
    int RecencyScore,
    int FrequencyScore,
    int MonetaryScore,
    string Segment,
    string ValueTier,
    string ChurnRiskBand,
    DateOnly AcquisitionCohort,
    string? AcquisitionChannel,
    decimal? ExpectedAverageValue,
    double? ProbabilityAlive,
    double? ExpectedPurchases,
    decimal? PredictedClv,
    double? PurchaseProbability,
    DateOnly? ExpectedNextPurchase);

/// <summary>A customer's segments in an earlier run, for the movement between runs.</summary>
/// <param name="Rfm">The RFM segment.</param>
/// <param name="ValueTier">The value tier.</param>
/// <param name="ChurnRisk">The churn-risk band.</param>
/// <param name="Cohort">The acquisition month's first day.</param>
/// <param name="Channel">The acquisition channel, if any.</param>
public readonly record struct PreviousSegments(string Rfm, string ValueTier, string ChurnRisk, DateOnly Cohort, string? Channel);
