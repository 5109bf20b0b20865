namespace CltvDashboard.Domain.Clv.BgNbd;

/// <summary>
/// Parameters of the modified BG/NBD model (Batislam, Denizel &amp; Filiztekin 2007, "Empirical validation and
/// comparison of models for customer base analysis", IJRM 24(3)). As the BG/NBD, but a customer may also
/// become inactive right after the first purchase, so one-time buyers are not all presumed alive.
/// </summary>
/// <param name="R">r &gt; 0: shape of the purchase-rate distribution.</param>
/// <param name="Alpha">α &gt; 0: rate (scale) of the purchase-rate distribution, in the fit's time unit.</param>
/// <param name="A">a &gt; 0: first shape of the dropout-probability distribution.</param>
/// <param name="B">b &gt; 0: second shape of the dropout-probability distribution.</param>
public sealed record MbgNbdParameters(double R, double Alpha, double A, double B) : BetaGeometricParameters(R, Alpha, A, B)
{
    /// <summary>The model's short name.</summary>
    public const string ModelName = "mbgnbd";

    /// <inheritdoc/>
    public override string Name => ModelName;

    private protected override int Shift => 1;
}
