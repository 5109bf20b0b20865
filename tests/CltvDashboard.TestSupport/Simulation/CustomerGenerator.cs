namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// Simulates a scenario's customers one after the other, always drawing in the same order, so that histories and
/// transactions of one scenario describe the same customers.
/// </summary>
/// <remarks>
/// Purchases and spend draw from two generators seeded from the scenario's seed: adding or changing a spend
/// process leaves the purchase histories unchanged, as the Gamma-Gamma model's independence assumption suggests.
/// </remarks>
internal sealed class CustomerGenerator
{
    // Golden-ratio constant: decorrelates the spend generator's seed from the purchase generator's.
    private const uint SpendSeedMask = 0x9E3779B9;

    private readonly CustomerBaseScenario _scenario;
    private readonly Random _purchaseRandom;
    private readonly Random _spendRandom;

    public CustomerGenerator(CustomerBaseScenario scenario)
    {
        _scenario = scenario;
        _purchaseRandom = new Random(scenario.Seed);
        _spendRandom = new Random(unchecked((int)((uint)scenario.Seed ^ SpendSeedMask)));
        Purchases = new PurchaseRecorder(_spendRandom, scenario.Spend);
    }

    /// <summary>The current customer's purchases, the first at time 0, as times from acquisition.</summary>
    public PurchaseRecorder Purchases { get; }

    public double AcquisitionTime { get; private set; }

    public double PurchaseRate { get; private set; }

    public double SpendScale { get; private set; }

    public double DropoutTime { get; private set; }

    /// <summary>Simulates the next customer from acquisition to the end of the holdout period.</summary>
    public void Next()
    {
        var window = _scenario.Window;
        AcquisitionTime = window.AcquisitionLength > 0 ? window.AcquisitionLength * _purchaseRandom.NextDouble() : 0.0;
        SpendScale = _scenario.Spend?.DrawScale(_spendRandom) ?? 0.0;
        Purchases.StartCustomer(SpendScale);
        DropoutTime = _scenario.Purchases.Simulate(
            _purchaseRandom, window.ObservationEnd - AcquisitionTime, Purchases, out var purchaseRate);
        PurchaseRate = purchaseRate;
    }
}
