namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>One model fitted in a calculation run, with its parameters and diagnostics.</summary>
public class RunModelFit
{
    /// <summary>The store's own key.</summary>
    public long Id { get; set; }

    /// <summary>The run.</summary>
    public long CalculationRunId { get; set; }

    /// <summary>The model, e.g. "BG/NBD", "Pareto/NBD", "Gamma-Gamma"; one fit per model and run.</summary>
    public required string ModelName { get; set; }

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
