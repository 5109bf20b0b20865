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
/// <param name="Warnings">Data-quality and model warnings, in plain words.</param>
public sealed record RecalculationSummary(
    long RunId,
    CalculationRunStatus Status,
    int Customers,
    DateOnly? ObservationEnd,
    DateOnly? CalibrationEnd,
    string? ChosenModel,
    string? ModelChoiceReason,
    IReadOnlyList<StageTiming> StageTimings,
    IReadOnlyList<string> Warnings)
{
    /// <summary>How the chosen model predicted the holdout; null without a holdout (or before the run finished).</summary>
    public HoldoutCheck? Holdout { get; init; }

    /// <summary>Customers per churn-risk band (High, Medium, Low; Unknown only when some had no model); empty before the run finished.</summary>
    public IReadOnlyDictionary<string, int> ChurnRiskBands { get; init; } = new Dictionary<string, int>();
}

/// <summary>How the chosen purchase-count model predicted the holdout period, which it was chosen on.</summary>
/// <param name="Criterion">What the choice minimised, in words (e.g. "mean squared error per customer").</param>
/// <param name="Predicted">Holdout purchases the model expected in total.</param>
/// <param name="Actual">Holdout purchases that happened.</param>
public sealed record HoldoutCheck(string Criterion, double Predicted, double Actual);

/// <summary>How long one stage of a run took.</summary>
/// <param name="Stage">The stage (see <see cref="RunStages"/>).</param>
/// <param name="Milliseconds">Wall-clock time spent in it.</param>
public sealed record StageTiming(string Stage, long Milliseconds);
