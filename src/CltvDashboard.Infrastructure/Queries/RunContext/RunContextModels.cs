using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>A calculation run as the dashboards name it.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Status">Its status.</param>
/// <param name="AsOfUtc">The as-of instant its results describe.</param>
/// <param name="ObservationEnd">The last day with data it used, when it got that far.</param>
/// <param name="FinishedAtUtc">When it finished, if it did.</param>
/// <param name="Stage">The stage it is in or failed in.</param>
/// <param name="PercentComplete">Progress, 0–100.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="RequestedAtUtc">When it was requested.</param>
/// <param name="ResumedAtUtc">When another worker took it over from one that stopped, if that happened.</param>
public sealed record RunHeader(
    long Id,
    CalculationRunStatus Status,
    DateTime AsOfUtc,
    DateOnly? ObservationEnd,
    DateTime? FinishedAtUtc,
    string? Stage,
    int PercentComplete,
    string? Error,
    DateTime RequestedAtUtc,
    DateTime? ResumedAtUtc = null)
{
    /// <summary>The dataset (generation) the run was computed on; runs are only compared within one.</summary>
    public long? DatasetId { get; init; }

    /// <summary>The currency of the run's money figures, as the run stored it.</summary>
    public string? Currency { get; init; }
}

/// <summary>
/// What the dashboards can show: the current run, the one before it and the newest run when it is not the current
/// one, with the settings the current run was computed with (the business's settings before the first run).
/// </summary>
/// <param name="Current">The run the dashboards show; null before the first successful run.</param>
/// <param name="Previous">
/// The successful run before the current one on the same dataset, for changes; null when there is none (the first run
/// after a replacing import has nothing to compare with).
/// </param>
/// <param name="Latest">The newest run when it is newer than the current one (queued, running or failed).</param>
/// <param name="CurrencyCode">The current run's currency (ISO 4217), when set.</param>
/// <param name="TimeZoneId">The current run's time zone (IANA id).</param>
/// <param name="ActiveProbabilityThreshold">The P(alive) from which the current run counted a customer as active.</param>
/// <param name="ForecastHorizonMonths">The months that the current run's expected purchases and predicted revenue cover.</param>
/// <param name="StoredWarnings">The current run's warnings as stored (<see cref="RunWarnings"/>), kept as text so that two reads of one run compare equal.</param>
public sealed record DashboardContext(
    RunHeader? Current,
    RunHeader? Previous,
    RunHeader? Latest,
    string? CurrencyCode,
    string TimeZoneId,
    double ActiveProbabilityThreshold,
    int ForecastHorizonMonths,
    string? StoredWarnings)
{
    /// <summary>The current run's data-quality and model warnings, in plain words; empty without any.</summary>
    public IReadOnlyList<string> Warnings => RunWarnings.Split(StoredWarnings);

    /// <summary>Today in the current run's time zone: the day that judges whether an expected next purchase is overdue.</summary>
    public DateOnly Today { get; init; }

    /// <summary>The N days of the current run's chance of buying again.</summary>
    public int PurchaseWindowDays { get; init; } = BusinessSettings.DefaultPurchaseWindowDays;

    /// <summary>
    /// The day on which expected next purchases are judged overdue: today, while the run's data end within
    /// <see cref="PurchaseWindowDays"/> of it; null when they end earlier (an old export, the demo), where every regular
    /// customer would look overdue only because the data stop.
    /// </summary>
    public DateOnly? OverdueAsOf => OverdueRule.JudgedOn(Current?.ObservationEnd, Today, PurchaseWindowDays);

    /// <summary>Whether a run is queued or running after the current one.</summary>
    public bool RunInProgress => Latest is { Status: CalculationRunStatus.Queued or CalculationRunStatus.Running };

    /// <summary>Whether the newest run failed (or was cancelled) after the current one.</summary>
    public bool LatestFailed => Latest is { Status: CalculationRunStatus.Failed or CalculationRunStatus.Cancelled };
}
