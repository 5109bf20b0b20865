using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Clv.Valuation;

/// <summary>Purchase-count models with closed-form E[Y(t)], counting their calls (safely from several threads).</summary>
internal abstract class CountingModel : IPurchaseCountModel
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public abstract string Name { get; }

    public abstract IReadOnlyDictionary<string, double> ParameterValues { get; }

    public abstract double ProbabilityAlive(PurchaseHistory customer);

    public double ExpectedPurchases(PurchaseHistory customer, double t)
    {
        Interlocked.Increment(ref _calls);
        return Expected(customer, t);
    }

    public double ExpectedPurchasesIfAlive(int frequency, double age, double t)
    {
        Interlocked.Increment(ref _calls);
        return Expected(new PurchaseHistory(frequency, 0, age), t);
    }

    public double ExpectedPurchasesNewCustomer(double t) => Expected(new PurchaseHistory(0, 0, 0), t);

    protected abstract double Expected(PurchaseHistory customer, double t);
}

/// <summary>Poisson purchasing at <c>rate</c> per time unit with no dropout: E[Y(t)] = λ·t for everyone.</summary>
internal sealed class PoissonModel(double rate) : CountingModel
{
    public override string Name => "poisson";

    public override IReadOnlyDictionary<string, double> ParameterValues => new Dictionary<string, double> { ["lambda"] = rate };

    public override double ProbabilityAlive(PurchaseHistory customer) => 1.0;

    protected override double Expected(PurchaseHistory customer, double t) => rate * t;
}

/// <summary>
/// Poisson purchasing at λ = (x + 1)/(T + 1) with exponential dropout at rate μ from now:
/// E[Y(t)] = (λ/μ)(1 − e^(−μt)), so each history has its own forecast.
/// </summary>
internal sealed class DropoutModel(double dropoutRate) : CountingModel
{
    public override string Name => "dropout";

    public override IReadOnlyDictionary<string, double> ParameterValues => new Dictionary<string, double> { ["mu"] = dropoutRate };

    public override double ProbabilityAlive(PurchaseHistory customer) => 1.0;

    public static double Rate(PurchaseHistory customer) => (customer.Frequency + 1) / (customer.T + 1);

    protected override double Expected(PurchaseHistory customer, double t) => Rate(customer) / dropoutRate * (1 - Math.Exp(-dropoutRate * t));
}
