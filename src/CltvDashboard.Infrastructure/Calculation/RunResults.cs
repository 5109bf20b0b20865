using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Cohorts;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>
/// A run's customer rows with their store keys, sorted by key: in key order the rows append to the ends of the
/// primary key and the customer index instead of landing at random places in them, which makes the bulk write
/// much faster (bench/README.md).
/// </summary>
/// <param name="Ids">The store's customer keys, ascending.</param>
/// <param name="Rows">The customers' figures, in the order of <paramref name="Ids"/>.</param>
internal sealed record CustomerRows(long[] Ids, CustomerResult[] Rows)
{
    public int Length => Ids.Length;

    /// <summary>The customers' 80 % ranges in the same order; null when the run computed none.</summary>
    public CustomerRangeColumns? Ranges { get; init; }
}

/// <summary>Everything a run writes, computed before any of it is written.</summary>
internal sealed record RunResults(
    CustomerRows Customers,
    IReadOnlyList<RunSegmentSummary> Segments,
    IReadOnlyList<RunSegmentMigration> Migrations,
    IReadOnlyList<CohortCell> CohortCells,
    IReadOnlyDictionary<string, CohortTable> ChannelCohorts,
    IReadOnlyList<RunModelFit> ModelFits,
    IReadOnlyList<RunModelCheckPoint> ModelChecks,
    DateOnly ObservationEnd,
    DateOnly? CalibrationEnd,
    string? ChosenModel,
    string? ModelChoiceReason,
    IReadOnlyList<string> Warnings,
    RuleOfThumbFigures RuleOfThumb)
{
    /// <summary>The net revenue of customers without a purchase occasion, who have no row (see <see cref="AnalysisResult.RevenueOfCustomersLeftOut"/>).</summary>
    public decimal RevenueOfCustomersLeftOut { get; init; }

    /// <summary>The run's ranges of the total, the holdout and the advice; null when it computed none.</summary>
    public RunRanges? Ranges { get; init; }
}
