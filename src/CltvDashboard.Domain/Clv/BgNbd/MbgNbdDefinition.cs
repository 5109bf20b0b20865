using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv.BgNbd;

/// <summary>The modified BG/NBD model (Batislam, Denizel &amp; Filiztekin 2007) in the catalog.</summary>
public sealed class MbgNbdDefinition : CountModelDefinition
{
    /// <inheritdoc/>
    public override string Name => MbgNbdParameters.ModelName;

    /// <inheritdoc/>
    public override string DisplayName => "MBG/NBD";

    /// <inheritdoc/>
    public override IReadOnlyList<string> ParameterNames => BetaGeometricRetention.ParameterNames;

    /// <inheritdoc/>
    public override CountModelFit Fit(ReadOnlySpan<PurchaseHistory> histories)
    {
        var fit = MbgNbdFitter.Fit(histories);
        return new CountModelFit(fit.Parameters, fit.LogLikelihood, fit.StandardErrors, fit.Diagnostics) { Covariance = fit.Covariance };
    }

    /// <inheritdoc/>
    public override IPurchaseCountModel Create(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new MbgNbdParameters(values[0], values[1], values[2], values[3]);
    }

    /// <inheritdoc/>
    public override IPurchaseCountModel WithRetentionChange(IPurchaseCountModel model, double retentionChange)
    {
        var p = Require<MbgNbdParameters>(model, retentionChange);
        var (a, b) = BetaGeometricRetention.Shift(p.A, p.B, retentionChange);
        return new MbgNbdParameters(p.R, p.Alpha, a, b);
    }
}
