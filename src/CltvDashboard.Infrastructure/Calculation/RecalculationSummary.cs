using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>What a calculation run did, for the command line and logs.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Customers">Customers with results.</param>
/// <param name="ObservationEnd">The last day of data the run saw, in the business's time zone.</param>
/// <param name="CalibrationEnd">The end of the calibration period when a holdout chose the model; null otherwise.</param>
/// <param name="ChosenModel">The purchase-count model whose forecasts were stored; null when none could be fitted.</param>
/// <param name="ModelChoiceReason">Why that model was chosen.</param>
/// <param name="StageTimings">How long each stage took, in order.</param>
/// <param name="Warnings">Data-quality warnings.</param>
public sealed record RecalculationSummary(
    long RunId,
    CalculationRunStatus Status,
    int Customers,
    DateOnly? ObservationEnd,
    DateOnly? CalibrationEnd,
    string? ChosenModel,
    string? ModelChoiceReason,
    IReadOnlyList<StageTiming> StageTimings,
    IReadOnlyList<string> Warnings);

/// <summary>How long one stage of a run took.</summary>
/// <param name="Stage">The stage (see <see cref="RunStages"/>).</param>
/// <param name="Milliseconds">Wall-clock time spent in it.</param>
public sealed record StageTiming(string Stage, long Milliseconds);
