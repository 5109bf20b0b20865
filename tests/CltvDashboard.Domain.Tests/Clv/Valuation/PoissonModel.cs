using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Clv.Valuation;

/// <summary>Poisson purchasing at <c>rate</c> per time unit with no dropout: E[Y(t)] = λ·t for everyone.</summary>
internal sealed class PoissonModel(double rate) : CountingModel
{
    public override string Name => "poisson";

    public override IReadOnlyDictionary<string, double> ParameterValues => new Dictionary<string, double> { ["lambda"] = rate };

    public override double ProbabilityAlive(PurchaseHistory customer) => 1.0;

    protected override double Expected(PurchaseHistory customer, double t) => rate * t;
}
