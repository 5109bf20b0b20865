using BenchmarkDotNet.Attributes;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Benchmarks;

/// <summary>
/// Maximum-likelihood fits of the BG/NBD and MBG/NBD models on the 1,000,000 histories that the product derives
/// from the simulated log (day-resolution occasions, weeks, the whole observation as calibration period), which
/// is exactly what <c>cltv fit</c> hands to the models.
/// </summary>
[MacroJob]
[MemoryDiagnoser]
[MinColumn]
[MaxColumn]
public class CountModelFitBenchmarks
{
    private PurchaseHistory[] _histories = [];

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _histories = SimulatedLog.Simulate(Customers).Summarize().Histories();
        Console.WriteLine($"// {_histories.Length:N0} histories");
    }

    [Benchmark(Description = "BgNbdFitter.Fit")]
    public ModelFit<BgNbdParameters> BgNbd() => BgNbdFitter.Fit(_histories);

    [Benchmark(Description = "MbgNbdFitter.Fit")]
    public ModelFit<MbgNbdParameters> MbgNbd() => MbgNbdFitter.Fit(_histories);
}
