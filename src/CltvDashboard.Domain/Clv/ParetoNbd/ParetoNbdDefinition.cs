using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv.ParetoNbd;

/// <summary>The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987) in the catalog.</summary>
public sealed class ParetoNbdDefinition : CountModelDefinition
{
    private static readonly string[] Names = ["r", "alpha", "s", "beta"];

    /// <inheritdoc/>
    public override string Name => ParetoNbdParameters.ModelName;

    /// <inheritdoc/>
    public override string DisplayName => "Pareto/NBD";

    /// <inheritdoc/>
    public override IReadOnlyList<string> ParameterNames => Names;

    /// <inheritdoc/>
    public override CountModelFit Fit(ReadOnlySpan<PurchaseHistory> histories)
    {
        var fit = ParetoNbdFitter.Fit(histories);
        return new CountModelFit(fit.Parameters, fit.LogLikelihood, fit.StandardErrors, fit.Diagnostics) { Covariance = fit.Covariance };
    }

    /// <inheritdoc/>
    public override IPurchaseCountModel Create(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new ParetoNbdParameters(values[0], values[1], values[2], values[3]);
    }

    // The dropout rate is Gamma(s, β) with mean s/β: scaling β divides the mean and keeps the shape.
    /// <inheritdoc/>
    public override IPurchaseCountModel WithRetentionChange(IPurchaseCountModel model, double retentionChange)
    {
        var p = Require<ParetoNbdParameters>(model, retentionChange);
        return p with { Beta = p.Beta * (1 + retentionChange) };
    }
}
