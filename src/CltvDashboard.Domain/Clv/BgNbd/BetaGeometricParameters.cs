using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv.BgNbd;

/// <summary>
/// What the BG/NBD and the MBG/NBD share: a customer buys at rate λ ~ Gamma(shape r, rate α) while active and
/// becomes inactive with probability p ~ Beta(a, b) after a purchase. The two differ only in whether the first
/// purchase can be followed by dropout.
/// </summary>
/// <param name="R">r &gt; 0: shape of the purchase-rate distribution.</param>
/// <param name="Alpha">α &gt; 0: rate (scale) of the purchase-rate distribution, in the fit's time unit.</param>
/// <param name="A">a &gt; 0: first shape of the dropout-probability distribution.</param>
/// <param name="B">b &gt; 0: second shape of the dropout-probability distribution.</param>
public abstract record BetaGeometricParameters(double R, double Alpha, double A, double B) : IPurchaseCountModel
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> ParameterValues => new Dictionary<string, double>
    {
        ["r"] = R,
        ["alpha"] = Alpha,
        ["a"] = A,
        ["b"] = B,
    };

    /// <summary>1 when dropout may follow the first purchase too (MBG/NBD), 0 when only repeat purchases (BG/NBD).</summary>
    private protected abstract int Shift { get; }

    private BetaGeometricNbd Core
    {
        get
        {
            Require(R, "r");
            Require(Alpha, "alpha");
            Require(A, "a");
            Require(B, "b");
            return new BetaGeometricNbd(R, Alpha, A, B, Shift);
        }
    }

    /// <summary>ln L(r, α, a, b | x, t_x, T) for one customer.</summary>
    public double LogLikelihood(PurchaseHistory customer) => Core.LogLikelihood(customer);

    /// <inheritdoc/>
    public double ProbabilityAlive(PurchaseHistory customer) => Core.ProbabilityAlive(customer);

    /// <inheritdoc/>
    public double ExpectedPurchases(PurchaseHistory customer, double t) => Core.ExpectedPurchases(customer, t);

    /// <inheritdoc/>
    public double ExpectedPurchasesIfAlive(int frequency, double age, double t) => Core.ExpectedPurchasesIfAlive(frequency, age, t);

    /// <inheritdoc/>
    public double ExpectedPurchasesNewCustomer(double t) => Core.ExpectedPurchases(default, t);

    /// <summary>P(Y(t) = n | x, t_x, T): probability of exactly <paramref name="n"/> purchases in (T, T + t].</summary>
    public double ProbabilityOfPurchases(PurchaseHistory customer, double t, int n) => PurchaseCountProbability(customer, t, n);

    /// <inheritdoc/>
    public double PurchaseCountProbability(PurchaseHistory customer, double t, int k)
    {
        RequireCount(k);
        RequirePeriod(t, allowInfinity: false);
        return Core.ProbabilityOfPurchases(customer, t, k);
    }

    /// <inheritdoc/>
    public int PurchaseCountProbabilitiesIfAlive(int frequency, double age, double t, double mass, Span<double> probabilities)
    {
        RequirePeriod(t, allowInfinity: false);
        return Core.ProbabilitiesOfPurchasesIfAlive(frequency, age, t, mass, probabilities);
    }

    /// <inheritdoc/>
    /// <remarks>1 − P(alive) + P(alive)·((α+T)/(α+T+t))^(r+x) is the chance of no purchase (FHL 2005).</remarks>
    public double ProbabilityOfPurchase(PurchaseHistory customer, double t)
    {
        RequirePeriod(t, allowInfinity: true);
        return Core.ProbabilityOfPurchase(customer, t);
    }

    /// <inheritdoc/>
    public double ProbabilityOfPurchaseIfAlive(int frequency, double age, double t)
    {
        RequirePeriod(t, allowInfinity: true);
        return Core.ProbabilityOfPurchaseIfAlive(frequency, age, t);
    }

    /// <inheritdoc/>
    /// <remarks>Closed form: t = (α+T)·((1 − chance)^(−1/(r+x)) − 1).</remarks>
    public double? TimeToChanceIfAlive(int frequency, double age, double chance) => Core.TimeToChanceIfAlive(frequency, age, chance);

    /// <summary>P(X(t) = n) for a customer acquired at time 0 (FHL 2005 eq. 8 for the BG/NBD).</summary>
    public double ProbabilityOfPurchasesNewCustomer(double t, int n) => Core.ProbabilityOfPurchases(default, t, n);

    private static void RequireCount(int k)
    {
        if (k < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "The number of purchases must be 0 or more.");
        }
    }

    private static void RequirePeriod(double t, bool allowInfinity)
    {
        if (double.IsNaN(t) || t < 0 || (!allowInfinity && double.IsInfinity(t)))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, allowInfinity ? "The period must be 0 or more." : "The period must be finite and 0 or more.");
        }
    }

    private static void Require(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"The parameter {name} must be a positive finite number.");
        }
    }
}
