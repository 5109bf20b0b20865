using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Clv.GammaGamma;

namespace CltvDashboard.Domain.Uncertainty;

/// <summary>What the ranges of revenue and CLV need beyond the purchase counts: the spend model and each customer's point forecasts.</summary>
/// <param name="Estimate">Gamma-Gamma's fit (or its fallback to the historical average) and each customer's expected value per purchase.</param>
/// <param name="Customers">Each customer's x and m̄, in the order of the histories, for Gamma-Gamma's posterior.</param>
/// <param name="Clv">Each customer's CLV as the analysis reports it, in the order of the histories.</param>
public sealed record RangeSpend(SpendEstimate Estimate, SpendHistory[] Customers, double[] Clv);
