using BenchmarkDotNet.Attributes;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Benchmarks;

/// <summary>
/// The first step of <c>cltv fit</c> and <c>cltv predict</c> without the CSV parsing: 4.4 million rows of a
/// 1,000,000-customer log added one by one (identifier as a span, as the CSV reader hands it over), then
/// summarised into one (x, t_x, T, m̄) row per customer.
/// </summary>
[MacroJob]
[MemoryDiagnoser]
[MinColumn]
[MaxColumn]
public class CustomerSummaryBenchmarks
{
    private SimulatedLog _log = null!;

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _log = SimulatedLog.Simulate(Customers);
        Console.WriteLine($"// {_log.Count:N0} transactions of {Customers:N0} customers");
    }

    [Benchmark(Description = "CustomerSummaryBuilder Add + Build")]
    public TransactionSummary AddAndBuild() => _log.Summarize();
}
