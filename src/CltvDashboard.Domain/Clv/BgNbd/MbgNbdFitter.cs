using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv.BgNbd;

/// <summary>Fits the modified BG/NBD model (Batislam, Denizel &amp; Filiztekin 2007) by maximum likelihood.</summary>
public static class MbgNbdFitter
{
    /// <summary>Estimates (r, α, a, b) from customers' calibration histories; see <see cref="BgNbdFitter.Fit"/>.</summary>
    /// <exception cref="ModelFitException">No customers, or no customer with a repeat purchase.</exception>
    /// <exception cref="ArgumentException">A history has t_x &gt; T or negative or non-finite values.</exception>
    public static ModelFit<MbgNbdParameters> Fit(ReadOnlySpan<PurchaseHistory> customers)
    {
        var result = BetaGeometricFitter.Fit(customers, shift: 1, "MBG/NBD");
        var p = result.Estimates;
        return new ModelFit<MbgNbdParameters>(new MbgNbdParameters(p[0], p[1], p[2], p[3]), result.LogLikelihood, result.StandardErrors, result.Diagnostics)
        {
            Covariance = result.Covariance,
        };
    }
}
