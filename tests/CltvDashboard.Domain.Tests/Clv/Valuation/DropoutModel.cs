using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Clv.Valuation;

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
