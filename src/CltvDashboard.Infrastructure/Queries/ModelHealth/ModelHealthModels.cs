using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>One model fit of a run, with its parameters decoded.</summary>
/// <param name="ModelName">The model (bgnbd, paretonbd, mbgnbd, gammagamma).</param>
/// <param name="Period">Calibration (checked on the holdout) or full history (whose forecasts are stored).</param>
/// <param name="IsChosen">Whether the run chose it.</param>
/// <param name="CustomersUsed">Customers it was fitted on.</param>
/// <param name="Parameters">Parameter estimates by name, with standard errors where known.</param>
/// <param name="LogLikelihood">Log-likelihood at the estimate.</param>
/// <param name="Converged">Whether the optimiser converged.</param>
/// <param name="HoldoutMeanAbsoluteError">Mean absolute error of holdout purchases per customer.</param>
/// <param name="BaselineMeanAbsoluteError">The naive baseline's error on the same holdout.</param>
/// <param name="HoldoutPredictedPurchases">Purchases the model predicted in the holdout.</param>
/// <param name="HoldoutActualPurchases">Purchases that happened in the holdout.</param>
/// <param name="Warnings">Fit warnings, one per entry.</param>
public sealed record ModelFitView(
    string ModelName,
    ModelFitPeriod Period,
    bool IsChosen,
    int CustomersUsed,
    IReadOnlyList<(string Name, double Estimate, double? StandardError)> Parameters,
    double? LogLikelihood,
    bool Converged,
    double? HoldoutMeanAbsoluteError,
    double? BaselineMeanAbsoluteError,
    double? HoldoutPredictedPurchases,
    double? HoldoutActualPurchases,
    IReadOnlyList<string> Warnings);

/// <summary>Everything the model-health page shows.</summary>
/// <param name="ChosenModel">The model whose forecasts are stored, if any.</param>
/// <param name="Reason">Why it was chosen.</param>
/// <param name="CalibrationEnd">The end of the calibration period (the holdout follows).</param>
/// <param name="ObservationEnd">The last day with data.</param>
/// <param name="Warnings">The run's data-quality warnings.</param>
/// <param name="Fits">The fits, chosen first.</param>
public sealed record ModelHealth(string? ChosenModel, string? Reason, DateOnly? CalibrationEnd, DateOnly? ObservationEnd, IReadOnlyList<string> Warnings, IReadOnlyList<ModelFitView> Fits)
{
    /// <summary>The run's stored ranges: what they include, the holdout's 95 % range beside what happened, the advice; null for a run that computed none.</summary>
    public RunRanges? Ranges { get; init; }
}

/// <summary>One period of the calibration-vs-holdout tracking curve of the chosen model.</summary>
/// <param name="PeriodEnd">The last day of the period.</param>
/// <param name="InHoldout">Whether the period lies after the calibration end (the model did not learn from it).</param>
/// <param name="Actual">Repeat purchases made in the period by the customers acquired in calibration.</param>
/// <param name="Predicted">Repeat purchases the calibration fit expected of them in the period.</param>
/// <param name="CumulativeActual">Repeat purchases from the start up to the period's end.</param>
/// <param name="CumulativePredicted">Expected repeat purchases from the start up to the period's end.</param>
public sealed record TrackingPointView(DateOnly PeriodEnd, bool InHoldout, double Actual, double Predicted, double CumulativeActual, double CumulativePredicted);

/// <summary>Holdout purchases of the customers with one calibration frequency.</summary>
/// <param name="Frequency">Repeat purchases in calibration; the last bucket holds this many or more.</param>
/// <param name="IsOpenEnded">Whether the bucket holds every frequency from <paramref name="Frequency"/> up.</param>
/// <param name="Customers">Customers in the bucket.</param>
/// <param name="Actual">Mean purchases per customer in the holdout.</param>
/// <param name="Predicted">Mean purchases per customer the calibration fit predicted for the holdout.</param>
public sealed record FrequencyBucketView(int Frequency, bool IsOpenEnded, int Customers, double Actual, double Predicted);

/// <summary>The chosen calibration fit's checks on the holdout; both lists empty when the run kept no holdout.</summary>
/// <param name="PeriodName">The tracking curve's period: "week" or "month".</param>
/// <param name="Tracking">The tracking curve, oldest period first.</param>
/// <param name="Buckets">The buckets by calibration frequency, 0 first.</param>
public sealed record ModelChecksView(string PeriodName, IReadOnlyList<TrackingPointView> Tracking, IReadOnlyList<FrequencyBucketView> Buckets)
{
    /// <summary>Whether the run stored any check.</summary>
    public bool HasChecks => Tracking.Count > 0 || Buckets.Count > 0;
}
