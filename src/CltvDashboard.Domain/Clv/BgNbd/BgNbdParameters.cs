using CltvDashboard.Domain.Transactions;

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
public sealed record BgNbdParameters(double R, double Alpha, double A, double B) : IPurchaseCountModel
{
    /// <summary>The model's short name.</summary>
    public const string ModelName = "bgnbd";

    /// <inheritdoc/>
    public string Name => ModelName;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> ParameterValues => new Dictionary<string, double>
    {
        ["r"] = R,
        ["alpha"] = Alpha,
        ["a"] = A,
        ["b"] = B,
    };

    private BetaGeometricNbd Core => BetaGeometricParameters.Validated(R, Alpha, A, B, shift: 0);

    /// <summary>ln L(r, α, a, b | x, t_x, T) for one customer (FHL 2005 eq. 6).</summary>
    public double LogLikelihood(PurchaseHistory customer) => Core.LogLikelihood(customer);

    /// <inheritdoc/>
    public double ProbabilityAlive(PurchaseHistory customer) => Core.ProbabilityAlive(customer);

    /// <inheritdoc/>
    public double ExpectedPurchases(PurchaseHistory customer, double t) => Core.ExpectedPurchases(customer, t);

    /// <inheritdoc/>
    public double ExpectedPurchasesNewCustomer(double t) => Core.ExpectedPurchases(default, t);

    /// <summary>P(Y(t) = n | x, t_x, T): probability of exactly <paramref name="n"/> purchases in (T, T + t].</summary>
    public double ProbabilityOfPurchases(PurchaseHistory customer, double t, int n) => Core.ProbabilityOfPurchases(customer, t, n);

    /// <summary>P(X(t) = n) for a customer acquired at time 0 (FHL 2005 eq. 8).</summary>
    public double ProbabilityOfPurchasesNewCustomer(double t, int n) => Core.ProbabilityOfPurchases(default, t, n);
}
