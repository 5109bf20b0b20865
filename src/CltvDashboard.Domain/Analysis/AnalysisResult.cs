using CltvDashboard.Domain.Cohorts;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Validation;

namespace CltvDashboard.Domain.Analysis;

/// <summary>Everything a customer-base analysis found, computed before any of it is stored or printed.</summary>
/// <param name="Customers">One row per customer with a purchase occasion, in the order of the transaction summary.</param>
/// <param name="Segments">Totals per segment of every segmentation, with movement since the previous run when one was given.</param>
/// <param name="Moves">Customers per (previous segment, segment) of the segmentations that track movement; empty without a previous run.</param>
/// <param name="Cohorts">The acquisition cohorts of all customers.</param>
/// <param name="ChannelCohorts">The cohorts per acquisition channel; empty when the data names no channels.</param>
/// <param name="ModelFits">Every model fit attempted: the count models on the calibration (or full) history, the chosen model's refit and Gamma-Gamma.</param>
/// <param name="ModelChecks">The chosen calibration fit's tracking and frequency checks; empty without a holdout.</param>
/// <param name="ObservationEnd">The last day of data.</param>
/// <param name="CalibrationEnd">The last day the models learned from when choosing on a holdout; null without one.</param>
/// <param name="ChosenModel">The short name of the chosen purchase-count model; null when none could be fitted.</param>
/// <param name="ModelChoiceReason">Why it was chosen, for people.</param>
/// <param name="Warnings">Data-quality and model warnings, for people.</param>
/// <param name="RuleOfThumb">The owners' rule of thumb for the whole base, shown beside the model's CLV, never in its place.</param>
public sealed record AnalysisResult(
    CustomerResult[] Customers,
    IReadOnlyList<SegmentTotal> Segments,
    IReadOnlyList<SegmentMove> Moves,
    CohortTable Cohorts,
    IReadOnlyDictionary<string, CohortTable> ChannelCohorts,
    IReadOnlyList<ModelFitReport> ModelFits,
    IReadOnlyList<ModelCheckPoint> ModelChecks,
    DateOnly ObservationEnd,
    DateOnly? CalibrationEnd,
    string? ChosenModel,
    string? ModelChoiceReason,
    IReadOnlyList<string> Warnings,
    RuleOfThumbFigures RuleOfThumb)
{
    /// <summary>
    /// The net revenue of the customers left out for having no purchase occasion (every purchase cancelled on its
    /// day, or refunds only): zero or negative, and part of the business's revenue though not of any customer row.
    /// </summary>
    public decimal RevenueOfCustomersLeftOut { get; init; }

    /// <summary>The forecasts' ranges; null unless the settings asked for them or without a count model.</summary>
    public AnalysisRanges? Ranges { get; init; }
}

/// <summary>Which history a model was fitted to.</summary>
public enum FitPeriod
{
    /// <summary>The history up to the calibration end, leaving the holdout out to test the forecasts.</summary>
    Calibration,

    /// <summary>The whole history up to the observation end.</summary>
    FullHistory,
}

/// <summary>One model fit of an analysis, successful or not.</summary>
/// <param name="ModelName">The model's short name (a count model's, or <c>gammagamma</c>).</param>
/// <param name="Period">The history it was fitted to.</param>
/// <param name="IsChosen">Whether its estimates are the ones the forecasts use (or, on the calibration period, whether the holdout chose it).</param>
/// <param name="CustomersUsed">Customers the fit learned from.</param>
/// <param name="Parameters">The estimates by name; empty when the fit failed.</param>
/// <param name="StandardErrors">Standard errors by name; null when the fit failed.</param>
/// <param name="LogLikelihood">The total log-likelihood; null when the fit failed or it is not finite.</param>
/// <param name="Converged">Whether the optimiser converged.</param>
/// <param name="Warnings">The fit's warnings, or why it failed, one per line; null without any.</param>
/// <param name="Holdout">How it predicted the holdout; null without a holdout or for a failed fit.</param>
public sealed record ModelFitReport(
    string ModelName,
    FitPeriod Period,
    bool IsChosen,
    int CustomersUsed,
    IReadOnlyDictionary<string, double> Parameters,
    IReadOnlyDictionary<string, double?>? StandardErrors,
    double? LogLikelihood,
    bool Converged,
    string? Warnings,
    HoldoutReport? Holdout);

/// <summary>The steps of an analysis, reported as each begins.</summary>
public enum AnalysisStage
{
    /// <summary>Summarising each customer's purchases.</summary>
    Summarising,

    /// <summary>Scoring RFM.</summary>
    Rfm,

    /// <summary>Building the acquisition cohorts.</summary>
    Cohorts,

    /// <summary>Fitting the count models on the calibration period.</summary>
    FittingCalibration,

    /// <summary>Comparing the fits on the holdout.</summary>
    Holdout,

    /// <summary>Refitting the chosen model on the full history.</summary>
    FittingChosen,

    /// <summary>Fitting the count models on the full history (no holdout).</summary>
    FittingFull,

    /// <summary>Fitting Gamma-Gamma.</summary>
    FittingSpend,

    /// <summary>Forecasting P(alive), purchases, the chance of buying again, the next purchase and CLV.</summary>
    Forecasting,

    /// <summary>Tiers, bands and segment totals.</summary>
    Segmenting,

    /// <summary>The ranges of the forecasts, when the settings ask for them.</summary>
    Ranges,
}

/// <summary>Thrown when the data allow no analysis at all (no customer with a purchase in the period).</summary>
public sealed class AnalysisException : Exception
{
    /// <summary>Creates the exception with a message for the person who supplied the data.</summary>
    public AnalysisException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public AnalysisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public AnalysisException()
        : base("The data allow no analysis.")
    {
    }
}
