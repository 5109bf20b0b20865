using BenchmarkDotNet.Attributes;
using CltvDashboard.Domain.Clv.GammaGamma;

namespace CltvDashboard.Benchmarks;

/// <summary>
/// The Gamma-Gamma spend fit on the 1,000,000 customers of the simulated log, each customer's (x, m̄) taken from
/// its summary as <c>cltv fit</c> does; customers without a repeat purchase are handed over and left out by the fit.
/// </summary>
[MacroJob]
[MemoryDiagnoser]
[MinColumn]
[MaxColumn]
public class GammaGammaFitBenchmarks
{
    private const int FitsPerInvocation = 4;

    private SpendHistory[] _customers = [];

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _customers = [.. SimulatedLog.Simulate(Customers).Summarize().Customers.Select(SpendHistory.From)];
        Console.WriteLine($"// {_customers.Length:N0} customers, {_customers.Count(c => c.Frequency > 0):N0} with a repeat purchase");
    }

    // One fit took about 60 ms, too short to time alone with the monitoring strategy; the mean is per fit.
    [Benchmark(Description = "GammaGammaFitter.Fit", OperationsPerInvoke = FitsPerInvocation)]
    public object GammaGamma()
    {
        object fit = null!;
        for (var i = 0; i < FitsPerInvocation; i++)
        {
            fit = GammaGammaFitter.Fit(_customers);
        }

        return fit;
    }
}
