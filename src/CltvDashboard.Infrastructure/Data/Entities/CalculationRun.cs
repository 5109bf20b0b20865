namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>
/// One recalculation of the models and results as of a date. Dashboards read the results of the run marked
/// <see cref="IsCurrent"/>, so a run in progress never shows half-written figures.
/// </summary>
public class CalculationRun
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>Where the run stands.</summary>
    public CalculationRunStatus Status { get; set; }

    /// <summary>What asked for the run.</summary>
    public CalculationTrigger Trigger { get; set; }

    /// <summary>The as-of instant of recency, tenure and forecasts, in UTC.</summary>
    public DateTime AsOfUtc { get; set; }

    /// <summary>When the run was asked for, in UTC.</summary>
    public DateTime RequestedAtUtc { get; set; }

    /// <summary>When work began, in UTC; null while queued.</summary>
    public DateTime? StartedAtUtc { get; set; }

    /// <summary>When the run ended, in UTC; null until then.</summary>
    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>The stage under way (e.g. "Fitting BG/NBD"), for progress displays.</summary>
    public string? Stage { get; set; }

    /// <summary>Progress, 0–100.</summary>
    public int PercentComplete { get; set; }

    /// <summary>Why the run failed, when it did.</summary>
    public string? Error { get; set; }

    /// <summary>Whether dashboards show this run's results; at most one run is current.</summary>
    public bool IsCurrent { get; set; }

    /// <summary>Attempts made at the run so far, retries included.</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// When another worker last took the run over from one that stopped part-way (killed, crashed, its machine gone),
    /// in UTC; null when no attempt at it was cut off.
    /// </summary>
    public DateTime? ResumedAtUtc { get; set; }

    /// <summary>
    /// The <see cref="Dataset"/> whose transactions the run read, recorded when it starts: runs are only compared with
    /// runs of the same dataset. Null until it started.
    /// </summary>
    public long? DatasetId { get; set; }

    /// <summary>
    /// The ISO 4217 currency of the run's money figures, its dataset's when it started; every page, export and API
    /// answer labels the run's figures with it, whatever the currency setting says later. Null for a dataset without one.
    /// </summary>
    public string? Currency { get; set; }

    /// <summary>The <see cref="BusinessSettings.Version"/> the run used; null until it started.</summary>
    public int? SettingsVersion { get; set; }

    /// <summary>A JSON copy of the settings the run used, so past results stay explainable after settings change.</summary>
    public string? SettingsJson { get; set; }

    /// <summary>The last day, in the business's time zone, whose transactions the run saw.</summary>
    public DateOnly? ObservationEnd { get; set; }

    /// <summary>The last day the models learned from when a holdout was kept back to choose among them; null without a holdout.</summary>
    public DateOnly? CalibrationEnd { get; set; }

    /// <summary>Customers with results in the run.</summary>
    public int? CustomerCount { get; set; }

    /// <summary>The purchase-count model whose forecasts the run stores (e.g. "bgnbd"); null when none could be fitted.</summary>
    public string? ChosenModel { get; set; }

    /// <summary>Why <see cref="ChosenModel"/> was chosen, in plain language.</summary>
    public string? ModelChoiceReason { get; set; }

    /// <summary>Data-quality warnings (few repeat customers, short history, spend tied to frequency), one per line.</summary>
    public string? Warnings { get; set; }

    /// <summary>How long each stage took, as a JSON array of {"stage": name, "milliseconds": n} in order.</summary>
    public string? StageTimingsJson { get; set; }

    /// <summary>Per-customer results.</summary>
    public ICollection<RunCustomerMetric> CustomerMetrics { get; } = [];

    /// <summary>Per-segment results.</summary>
    public ICollection<RunSegmentSummary> SegmentSummaries { get; } = [];

    /// <summary>Cohort table.</summary>
    public ICollection<RunCohortCell> CohortCells { get; } = [];

    /// <summary>Fitted models.</summary>
    public ICollection<RunModelFit> ModelFits { get; } = [];
}

/// <summary>Where a calculation run stands.</summary>
public enum CalculationRunStatus
{
    /// <summary>Asked for, not started.</summary>
    Queued,

    /// <summary>Under way.</summary>
    Running,

    /// <summary>Finished; its results are complete.</summary>
    Succeeded,

    /// <summary>Stopped on an error; see <see cref="CalculationRun.Error"/>.</summary>
    Failed,

    /// <summary>Stopped on request.</summary>
    Cancelled,

    /// <summary>
    /// Left undone or abandoned because a newer run started: its results would be older than the newer run's, so
    /// it never becomes current. A failed run that a newer run overtook ends here too, keeping its error.
    /// </summary>
    Superseded,
}

/// <summary>What asked for a calculation run.</summary>
public enum CalculationTrigger
{
    /// <summary>A user, from the app or the command line.</summary>
    Manual,

    /// <summary>An import that changed the data.</summary>
    Import,

    /// <summary>The recurring schedule.</summary>
    Schedule,
}
