using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Validation;

namespace CltvDashboard.Domain.Clv;

/// <summary>
/// Everything the application knows about one purchase-count model: its names, how it is fitted, how it is rebuilt
/// from the parameters a run stored, and how it changes under a what-if. Each model's folder holds its definition;
/// <see cref="CountModelCatalog"/> lists them.
/// </summary>
public abstract class CountModelDefinition
{
    /// <summary>The short name stored with a fit and accepted by the command line, e.g. <c>bgnbd</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The name shown to people, e.g. "BG/NBD".</summary>
    public abstract string DisplayName { get; }

    /// <summary>The parameters' names in the literature, in the order <see cref="Create"/> takes them.</summary>
    public abstract IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Fits the model by maximum likelihood to customers' calibration histories.</summary>
    /// <param name="histories">Each customer's (x, t_x, T); the fitted rates come out in the same time unit.</param>
    /// <exception cref="ModelFitException">The data cannot support the model (for example, no repeat purchase).</exception>
    public abstract CountModelFit Fit(ReadOnlySpan<PurchaseHistory> histories);

    /// <summary>The model with given parameter values, in <see cref="ParameterNames"/> order.</summary>
    /// <param name="values">The parameter values; each must be valid for the model.</param>
    public abstract IPurchaseCountModel Create(IReadOnlyList<double> values);

    /// <summary>
    /// The same population with customers staying longer (or shorter): the mean dropout is divided by
    /// 1 + <paramref name="retentionChange"/>, the purchase rates are kept.
    /// </summary>
    /// <param name="model">A model of this definition.</param>
    /// <param name="retentionChange">Relative change, above −1; 0.1 means customers stay 10 % longer on average.</param>
    public abstract IPurchaseCountModel WithRetentionChange(IPurchaseCountModel model, double retentionChange);

    /// <summary>The model from stored parameters by name; null when any of <see cref="ParameterNames"/> is missing.</summary>
    /// <param name="parameters">The parameters by their names in the literature, as <see cref="IPurchaseCountModel.ParameterValues"/> gives them.</param>
    public IPurchaseCountModel? Rebuild(IReadOnlyDictionary<string, double> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var values = new double[ParameterNames.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (!parameters.TryGetValue(ParameterNames[i], out values[i]))
            {
                return null;
            }
        }

        return Create(values);
    }

    /// <summary>Checks that a model given to <see cref="WithRetentionChange"/> is one of this definition's.</summary>
    private protected TModel Require<TModel>(IPurchaseCountModel model, double retentionChange)
        where TModel : IPurchaseCountModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retentionChange, -1);
        return model is TModel typed
            ? typed
            : throw new ArgumentException($"{DisplayName} cannot change a {model.Name} model.", nameof(model));
    }
}

/// <summary>A fitted purchase-count model with its fit report.</summary>
/// <param name="Model">The maximum-likelihood estimates.</param>
/// <param name="LogLikelihood">The total log-likelihood over the customers fitted.</param>
/// <param name="StandardErrors">Asymptotic standard errors by parameter name; null where the Hessian could not be inverted.</param>
/// <param name="Diagnostics">Convergence and data-quality report.</param>
public sealed record CountModelFit(
    IPurchaseCountModel Model,
    double LogLikelihood,
    IReadOnlyDictionary<string, double?> StandardErrors,
    FitDiagnostics Diagnostics)
{
    /// <summary>
    /// The covariance of the estimates (the inverse Hessian behind <see cref="StandardErrors"/>), from which parameter
    /// draws are taken; null when the Hessian could not be inverted or an estimate lies on the boundary.
    /// </summary>
    public ParameterCovariance? Covariance { get; init; }

    /// <summary>The fit as a candidate for <see cref="ModelSelection"/>.</summary>
    public CandidateModel AsCandidate() => new(Model, LogLikelihood, Diagnostics);
}
