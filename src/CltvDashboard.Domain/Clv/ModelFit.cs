namespace CltvDashboard.Domain.Clv;

/// <summary>The outcome of a maximum-likelihood fit.</summary>
/// <typeparam name="TParameters">The model's parameter record.</typeparam>
/// <param name="Parameters">The maximum-likelihood estimates.</param>
/// <param name="LogLikelihood">The total log-likelihood over all customers at the estimates, in the fit's time unit.</param>
/// <param name="StandardErrors">
/// Asymptotic standard errors from the inverse Hessian of the negative log-likelihood, by parameter name;
/// null for a parameter whose Hessian could not be inverted (a flat or boundary direction).
/// </param>
/// <param name="Diagnostics">Convergence and data-quality report.</param>
public sealed record ModelFit<TParameters>(
    TParameters Parameters,
    double LogLikelihood,
    IReadOnlyDictionary<string, double?> StandardErrors,
    FitDiagnostics Diagnostics)
{
    /// <summary>
    /// The covariance of the estimates (the inverse Hessian behind <see cref="StandardErrors"/>), from which parameter
    /// draws are taken; null when the Hessian could not be inverted or an estimate lies on the boundary.
    /// </summary>
    public ParameterCovariance? Covariance { get; init; }
}

/// <summary>How an optimisation ended and what to be wary of.</summary>
/// <param name="Converged">Whether the optimiser met its convergence test (not just ran out of iterations).</param>
/// <param name="Iterations">Quasi-Newton iterations taken.</param>
/// <param name="FunctionEvaluations">Log-likelihood (and gradient) evaluations.</param>
/// <param name="ParametersOnBoundary">Names of parameters whose estimate sits at the edge of the parameter space.</param>
/// <param name="Warnings">Plain-language remarks: boundary estimates, singular Hessians, data-quality concerns.</param>
public sealed record FitDiagnostics(
    bool Converged,
    int Iterations,
    int FunctionEvaluations,
    IReadOnlyList<string> ParametersOnBoundary,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Whether any parameter lies on the boundary of the parameter space.</summary>
    public bool OnBoundary => ParametersOnBoundary.Count > 0;

    /// <summary>
    /// The limit models the fit is reported as, in plain words (e.g. "no dropout"): parameters at the edge of the
    /// parameter space that the model's predictions take as their limit, so that their size is no sign of a failed fit.
    /// Empty for an interior fit.
    /// </summary>
    public IReadOnlyList<string> Limits { get; init; } = [];
}

/// <summary>Thrown when data cannot support a model at all (for example, no customer ever bought twice).</summary>
public sealed class ModelFitException : Exception
{
    /// <summary>Creates the exception with a message for the person who supplied the data.</summary>
    public ModelFitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public ModelFitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ModelFitException()
        : base("The model could not be fitted.")
    {
    }
}
