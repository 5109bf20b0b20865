using BenchmarkDotNet.Attributes;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.ParetoNbd;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Benchmarks;

/// <summary>
/// The Pareto/NBD fit on 100,000 histories derived from a simulated log as <c>cltv fit</c> derives them (the
/// target is set on 100,000 customers because each row of its likelihood costs a Gauss hypergeometric function
/// instead of the BG/NBD's closed form).
/// </summary>
[MacroJob]
[MemoryDiagnoser]
[MinColumn]
[MaxColumn]
public class ParetoNbdFitBenchmarks
{
    private PurchaseHistory[] _histories = [];

    [Params(100_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _histories = SimulatedLog.Simulate(Customers).Summarize().Histories();
        Console.WriteLine($"// {_histories.Length:N0} histories");
    }

    [Benchmark(Description = "ParetoNbdFitter.Fit")]
    public ModelFit<ParetoNbdParameters> ParetoNbd() => ParetoNbdFitter.Fit(_histories);
}
