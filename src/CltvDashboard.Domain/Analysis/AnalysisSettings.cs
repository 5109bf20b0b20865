using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Uncertainty;

namespace CltvDashboard.Domain.Analysis;

/// <summary>What a customer-base analysis needs to know of the business's settings.</summary>
/// <param name="TimeUnit">The unit recency, T and the models' rates are measured in.</param>
/// <param name="HoldoutMonths">Months at the end of the history kept back to choose the model on; 0 for none.</param>
/// <param name="Valuation">The CLV horizon, discount rate and margin.</param>
/// <param name="ValueTiers">The shares of the value tiers.</param>
/// <param name="ChurnRisk">The thresholds of the churn-risk bands, on the chance of buying again within <paramref name="PurchaseWindowDays"/>.</param>
/// <param name="AcquisitionCosts">Cost of acquiring one customer, by channel, in the data's currency.</param>
/// <param name="PurchaseWindowDays">
/// N: the days after the observation end over which each customer's chance of buying again is judged; 1 or more,
/// <see cref="DefaultPurchaseWindowDays"/> unless the business chose otherwise.
/// </param>
public sealed record AnalysisSettings(
    TimeUnit TimeUnit,
    int HoldoutMonths,
    ValuationOptions Valuation,
    ValueTierRule ValueTiers,
    ChurnRiskRule ChurnRisk,
    IReadOnlyDictionary<string, decimal> AcquisitionCosts,
    int PurchaseWindowDays = AnalysisSettings.DefaultPurchaseWindowDays)
{
    /// <summary>
    /// How to compute the ranges of the forecasts (<see cref="AnalysisResult.Ranges"/>); null, the default, to compute
    /// none, so that an analysis costs what it did before ranges existed.
    /// </summary>
    public RangeOptions? Ranges { get; init; }

    /// <summary>The window of the chance of buying again when none is chosen: 90 days, a season.</summary>
    public const int DefaultPurchaseWindowDays = 90;

    /// <summary>N, the window of the chance of buying again, in days; 1 or more.</summary>
    public int PurchaseWindowDays { get; init => field = RequireWindow(value); } = RequireWindow(PurchaseWindowDays);

    private static int RequireWindow(int days) => days > 0
        ? days
        : throw new ArgumentOutOfRangeException(nameof(days), days, "The window of the chance of buying again must be 1 day or more.");
}
