namespace CltvDashboard.Domain.Clv.BgNbd;

/// <summary>
/// Parameters of the BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way",
/// Marketing Science 24(2)). While active, a customer buys at rate λ ~ Gamma(shape r, rate α); after each
/// repeat purchase they become inactive with probability p ~ Beta(a, b).
/// </summary>
/// <param name="R">r &gt; 0: shape of the purchase-rate distribution.</param>
/// <param name="Alpha">α &gt; 0: rate (scale) of the purchase-rate distribution, in the fit's time unit.</param>
/// <param name="A">a &gt; 0: first shape of the dropout-probability distribution.</param>
/// <param name="B">b &gt; 0: second shape of the dropout-probability distribution.</param>
public sealed record BgNbdParameters(double R, double Alpha, double A, double B) : BetaGeometricParameters(R, Alpha, A, B)
{
    /// <summary>The model's short name.</summary>
    public const string ModelName = "bgnbd";

    /// <inheritdoc/>
    public override string Name => ModelName;

    private protected override int Shift => 0;
}
