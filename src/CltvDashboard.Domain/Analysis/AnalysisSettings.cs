using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Analysis;

/// <summary>What a customer-base analysis needs to know of the business's settings.</summary>
/// <param name="TimeUnit">The unit recency, T and the models' rates are measured in.</param>
/// <param name="HoldoutMonths">Months at the end of the history kept back to choose the model on; 0 for none.</param>
/// <param name="Valuation">The CLV horizon, discount rate and margin.</param>
/// <param name="ValueTiers">The shares of the value tiers.</param>
/// <param name="ChurnRisk">The P(alive) thresholds of the churn-risk bands.</param>
/// <param name="AcquisitionCosts">Cost of acquiring one customer, by channel, in the data's currency.</param>
public sealed record AnalysisSettings(
    TimeUnit TimeUnit,
    int HoldoutMonths,
    ValuationOptions Valuation,
    ValueTierRule ValueTiers,
    ChurnRiskRule ChurnRisk,
    IReadOnlyDictionary<string, decimal> AcquisitionCosts);
