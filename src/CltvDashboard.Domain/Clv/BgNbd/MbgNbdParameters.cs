using CltvDashboard.Domain.Transactions;

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
public sealed record MbgNbdParameters(double R, double Alpha, double A, double B) : IPurchaseCountModel
{
    /// <summary>The model's short name.</summary>
    public const string ModelName = "mbgnbd";

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

    private BetaGeometricNbd Core => BetaGeometricParameters.Validated(R, Alpha, A, B, shift: 1);

    /// <summary>ln L(r, α, a, b | x, t_x, T) for one customer (Batislam et al. 2007).</summary>
    public double LogLikelihood(PurchaseHistory customer) => Core.LogLikelihood(customer);

    /// <inheritdoc/>
    public double ProbabilityAlive(PurchaseHistory customer) => Core.ProbabilityAlive(customer);

    /// <inheritdoc/>
    public double ExpectedPurchases(PurchaseHistory customer, double t) => Core.ExpectedPurchases(customer, t);

    /// <inheritdoc/>
    public double ExpectedPurchasesNewCustomer(double t) => Core.ExpectedPurchases(default, t);

    /// <summary>P(Y(t) = n | x, t_x, T): probability of exactly <paramref name="n"/> purchases in (T, T + t].</summary>
    public double ProbabilityOfPurchases(PurchaseHistory customer, double t, int n) => Core.ProbabilityOfPurchases(customer, t, n);
}

internal static class BetaGeometricParameters
{
    public static BetaGeometricNbd Validated(double r, double alpha, double a, double b, int shift)
    {
        Require(r, "r");
        Require(alpha, "alpha");
        Require(a, "a");
        Require(b, "b");
        return new BetaGeometricNbd(r, alpha, a, b, shift);
    }

    private static void Require(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"The parameter {name} must be a positive finite number.");
        }
    }
}
