using BenchmarkDotNet.Attributes;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Benchmarks;

/// <summary>
/// The per-customer prediction cost of a fitted BG/NBD model, one customer after another as a report or the
/// prediction file computes them: P(alive) alone, and P(alive) with the expected purchases in the next 52 weeks
/// (the hypergeometric series of FHL 2005 eq. 10).
/// </summary>
[MacroJob]
[MemoryDiagnoser]
[MinColumn]
[MaxColumn]
public class PredictionBenchmarks
{
    private const int ProbabilityAlivePasses = 5;

    private PurchaseHistory[] _histories = [];
    private BgNbdParameters _parameters = null!;

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _histories = SimulatedLog.Simulate(Customers).Summarize().Histories();
        _parameters = BgNbdFitter.Fit(_histories).Parameters;
        Console.WriteLine(
            $"// {_histories.Length:N0} histories; fitted r = {_parameters.R:G4}, alpha = {_parameters.Alpha:G4}, a = {_parameters.A:G4}, b = {_parameters.B:G4}");
    }

    // One pass takes about 25 ms, too short to time alone with the monitoring strategy; the mean is per pass.
    [Benchmark(Description = "BG/NBD ProbabilityAlive", OperationsPerInvoke = ProbabilityAlivePasses)]
    public double ProbabilityAlive()
    {
        var total = 0.0;
        for (var pass = 0; pass < ProbabilityAlivePasses; pass++)
        {
            foreach (var history in _histories)
            {
                total += _parameters.ProbabilityAlive(history);
            }
        }

        return total;
    }

    [Benchmark(Description = "BG/NBD ProbabilityAlive + ExpectedPurchases(52)")]
    public double ProbabilityAliveAndExpectedPurchases()
    {
        var total = 0.0;
        foreach (var history in _histories)
        {
            total += _parameters.ProbabilityAlive(history) + _parameters.ExpectedPurchases(history, 52);
        }

        return total;
    }
}
