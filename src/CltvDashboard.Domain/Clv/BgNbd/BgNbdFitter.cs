using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv.BgNbd;

/// <summary>Fits the BG/NBD model (Fader, Hardie &amp; Lee 2005) by maximum likelihood.</summary>
public static class BgNbdFitter
{
    /// <summary>
    /// Estimates (r, α, a, b) from customers' calibration histories. α comes out in the histories' time unit;
    /// the log-likelihood is the total over customers. A boundary estimate a → 0 means the data show no
    /// dropout; it is reported in <see cref="FitDiagnostics.ParametersOnBoundary"/>.
    /// </summary>
    /// <exception cref="ModelFitException">No customers, or no customer with a repeat purchase.</exception>
    /// <exception cref="ArgumentException">A history has t_x &gt; T or negative or non-finite values.</exception>
    public static ModelFit<BgNbdParameters> Fit(ReadOnlySpan<PurchaseHistory> customers)
    {
        var result = BetaGeometricFitter.Fit(customers, shift: 0, "BG/NBD");
        var p = result.Estimates;
        return new ModelFit<BgNbdParameters>(new BgNbdParameters(p[0], p[1], p[2], p[3]), result.LogLikelihood, result.StandardErrors, result.Diagnostics)
        {
            Covariance = result.Covariance,
        };
    }
}
