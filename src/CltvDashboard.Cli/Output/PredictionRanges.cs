using CltvDashboard.Domain.Uncertainty;

namespace CltvDashboard.Cli.Output;

/// <summary>The ranges <c>cltv predict --intervals</c> writes, in the order of the summary's customers.</summary>
/// <param name="Purchases">The ranges of purchases over the horizon of <c>expected_purchases</c>.</param>
/// <param name="Clv">The ranges over the CLV's months, computed with spend figures so that they hold the CLV's.</param>
internal sealed record PredictionRanges(CustomerRanges Purchases, CustomerRanges Clv);
