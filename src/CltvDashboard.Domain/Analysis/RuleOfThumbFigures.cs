namespace CltvDashboard.Domain.Analysis;

/// <summary>
/// The owners' rule of thumb (<see cref="Clv.Valuation.RuleOfThumbClv"/>) for the whole customer base, with the
/// figures it multiplies, so that a page can show how it was reached.
/// </summary>
/// <param name="AveragePurchaseValue">Net revenue per purchase occasion, in currency.</param>
/// <param name="PurchasesPerYear">Purchase occasions per customer per year, from the earliest first purchase to the observation end.</param>
/// <param name="YearlyRetention">The observed yearly retention, 0–1; null when the history is a year or shorter.</param>
/// <param name="LifespanYears">Expected lifespan in years, 1 / (1 − retention); null without a retention below 1.</param>
/// <param name="AcquisitionCost">Mean acquisition cost per customer, from the channels' costs where set (0 elsewhere), in currency.</param>
/// <param name="Clv">average purchase value × purchases per year × lifespan − acquisition cost, per customer; null without a lifespan.</param>
public sealed record RuleOfThumbFigures(
    decimal AveragePurchaseValue,
    double PurchasesPerYear,
    double? YearlyRetention,
    double? LifespanYears,
    decimal AcquisitionCost,
    decimal? Clv);
