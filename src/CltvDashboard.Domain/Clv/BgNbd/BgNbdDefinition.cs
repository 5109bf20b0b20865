using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv.BgNbd;

/// <summary>The BG/NBD model (Fader, Hardie &amp; Lee 2005) in the catalog.</summary>
public sealed class BgNbdDefinition : CountModelDefinition
{
    /// <inheritdoc/>
    public override string Name => BgNbdParameters.ModelName;

    /// <inheritdoc/>
    public override string DisplayName => "BG/NBD";

    /// <inheritdoc/>
    public override IReadOnlyList<string> ParameterNames => BetaGeometricRetention.ParameterNames;

    /// <inheritdoc/>
    public override CountModelFit Fit(ReadOnlySpan<PurchaseHistory> histories)
    {
        var fit = BgNbdFitter.Fit(histories);
        return new CountModelFit(fit.Parameters, fit.LogLikelihood, fit.StandardErrors, fit.Diagnostics) { Covariance = fit.Covariance };
    }

    /// <inheritdoc/>
    public override IPurchaseCountModel Create(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new BgNbdParameters(values[0], values[1], values[2], values[3]);
    }

    /// <inheritdoc/>
    public override IPurchaseCountModel WithRetentionChange(IPurchaseCountModel model, double retentionChange)
    {
        var p = Require<BgNbdParameters>(model, retentionChange);
        var (a, b) = BetaGeometricRetention.Shift(p.A, p.B, retentionChange);
        return new BgNbdParameters(p.R, p.Alpha, a, b);
    }
}
