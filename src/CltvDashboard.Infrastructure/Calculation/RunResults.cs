using CltvDashboard.Domain.Cohorts;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>One customer's row of a run, held as a struct so that a million of them are one array, not a million objects.</summary>
internal readonly record struct CustomerResult(
    long CustomerId,
    int Frequency,
    double RecencyDays,
    double TenureDays,
    int DaysSinceLastPurchase,
    decimal TotalRevenue,
    decimal AverageOrderValue,
    int RecencyScore,
    int FrequencyScore,
    int MonetaryScore,
    string Segment,
    string ValueTier,
    string ChurnRiskBand,
    DateOnly AcquisitionCohort,
    string? AcquisitionChannel,
    decimal? ExpectedAverageValue,
    double? ProbabilityAlive,
    double? ExpectedPurchases,
    decimal? PredictedClv);

/// <summary>Everything a run writes, computed before any of it is written.</summary>
internal sealed record RunResults(
    CustomerResult[] Customers,
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
    IReadOnlyList<string> Warnings);

/// <summary>A customer's segments in an earlier run, for the movement between runs.</summary>
internal readonly record struct PreviousSegments(string Rfm, string ValueTier, string ChurnRisk, DateOnly Cohort, string? Channel);
