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

    // The valuation tests need expected purchases only; these models say nothing about the count's distribution.
    public double PurchaseCountProbability(PurchaseHistory customer, double t, int k) =>
        throw new NotSupportedException("The valuation tests' models give expected purchases only.");

    public double ProbabilityOfPurchase(PurchaseHistory customer, double t) =>
        throw new NotSupportedException("The valuation tests' models give expected purchases only.");

    protected abstract double Expected(PurchaseHistory customer, double t);
}
