namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>The stages of a calculation run, as <see cref="Data.Entities.CalculationRun.Stage"/> names them.</summary>
public static class RunStages
{
    /// <summary>Waiting for another run on the same store to finish.</summary>
    public const string Waiting = "Waiting for another run";

    /// <summary>Starting again where an attempt whose worker stopped left the run.</summary>
    public const string Resuming = "Resuming after its worker stopped";

    /// <summary>Loading settings and the previous run.</summary>
    public const string Preparing = "Preparing";

    /// <summary>Reading per-customer daily totals from the store.</summary>
    public const string Reading = "Reading transactions";

    /// <summary>Reading acquisition channels and each customer's segments in the previous run.</summary>
    public const string ReadingPrevious = "Reading channels and the previous run";

    /// <summary>Building per-customer summaries.</summary>
    public const string Summarising = "Summarising customers";

    /// <summary>RFM scores and segments.</summary>
    public const string Rfm = "Scoring RFM";

    /// <summary>The acquisition-cohort table.</summary>
    public const string Cohorts = "Building cohorts";

    /// <summary>Fitting the purchase-count models on the calibration period.</summary>
    public const string FittingCalibration = "Fitting models on the calibration period";

    /// <summary>Comparing the models' forecasts of the holdout.</summary>
    public const string Holdout = "Checking models on the holdout";

    /// <summary>Refitting the chosen model on the whole history.</summary>
    public const string FittingChosen = "Fitting the chosen model";

    /// <summary>Fitting the purchase-count models on the whole history (no holdout).</summary>
    public const string FittingFull = "Fitting models";

    /// <summary>Fitting Gamma-Gamma.</summary>
    public const string FittingSpend = "Fitting Gamma-Gamma";

    /// <summary>P(alive), expected purchases and CLV per customer.</summary>
    public const string Forecasting = "Forecasting";

    /// <summary>The forecasts' 80 % and 95 % ranges: parameter draws and the purchase process.</summary>
    public const string Ranges = "Computing ranges";

    /// <summary>Tiers, bands and segment totals.</summary>
    public const string Segmenting = "Summarising segments";

    /// <summary>Writing the result tables.</summary>
    public const string Writing = "Writing results";

    /// <summary>Making the run current and pruning old runs.</summary>
    public const string Publishing = "Publishing";

    /// <summary>Finished.</summary>
    public const string Done = "Done";

    /// <summary>Overtaken by a newer run; see <see cref="Data.Entities.CalculationRunStatus.Superseded"/>.</summary>
    public const string Superseded = "Superseded by a newer run";
}
