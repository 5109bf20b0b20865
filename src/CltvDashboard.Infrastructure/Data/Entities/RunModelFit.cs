namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>One model fitted in a calculation run, with its parameters and diagnostics.</summary>
public class RunModelFit
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>The run.</summary>
    public long CalculationRunId { get; set; }

    /// <summary>The model, e.g. "BG/NBD", "Pareto/NBD", "Gamma-Gamma"; one fit per model, period and run.</summary>
    public required string ModelName { get; set; }

    /// <summary>
    /// Which data the model was fitted to: the calibration period (to be checked on the holdout and chosen among)
    /// or the full history (the fit whose forecasts are stored).
    /// </summary>
    public ModelFitPeriod Period { get; set; }

    /// <summary>Whether this is the purchase-count model (or the spend model) whose forecasts the run stores.</summary>
    public bool IsChosen { get; set; }

    /// <summary>Customers the fit used.</summary>
    public int CustomersUsed { get; set; }

    /// <summary>Asymptotic standard errors by parameter as a JSON object; null entries where the Hessian could not be inverted.</summary>
    public string? StandardErrorsJson { get; set; }

    /// <summary>Mean absolute error of the holdout purchase counts per customer; null without a holdout.</summary>
    public double? HoldoutMeanAbsoluteError { get; set; }

    /// <summary>The same error for the naive baseline (each customer keeps buying at their past rate); null without a holdout.</summary>
    public double? BaselineMeanAbsoluteError { get; set; }

    /// <summary>Holdout purchases the model expected in total; null without a holdout.</summary>
    public double? HoldoutPredictedPurchases { get; set; }

    /// <summary>Holdout purchases that happened; null without a holdout.</summary>
    public double? HoldoutActualPurchases { get; set; }

    /// <summary>The fitted parameters as a JSON object (e.g. {"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}).</summary>
    public required string ParametersJson { get; set; }

    /// <summary>Log-likelihood at the optimum.</summary>
    public double? LogLikelihood { get; set; }

    /// <summary>Whether the optimiser reported convergence.</summary>
    public bool Converged { get; set; }

    /// <summary>Warnings about the fit (boundary estimates, few repeat buyers), one per line.</summary>
    public string? Warnings { get; set; }

    /// <summary>When the fit finished, in UTC.</summary>
    public DateTime FittedAtUtc { get; set; }
}

/// <summary>Which data a model was fitted to.</summary>
public enum ModelFitPeriod
{
    /// <summary>The history up to the calibration end, leaving the holdout months out to test the forecasts.</summary>
    Calibration,

    /// <summary>The whole history up to the as-of date.</summary>
    FullHistory,
}
