using System.Reflection;
using BenchmarkDotNet.Attributes;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Benchmarks;

/// <summary>
/// Where the time of <see cref="BgNbdFitter.Fit"/> on 1,000,000 histories goes: grouping the histories into
/// distinct (x, t_x, T) rows, and one evaluation of the negative log-likelihood with its gradient over those rows.
/// A fit costs about one grouping plus (evaluations + 8 for the standard errors) likelihood evaluations; the setup
/// prints the evaluation count and the table's size.
/// </summary>
/// <remarks>
/// Both steps are internal to the Domain library, which the benchmarks must not change; they are reached by
/// reflection, bound once to typed delegates so that each call costs what a direct call costs. A renamed internal
/// makes the setup fail with the missing name.
/// </remarks>
[MacroJob]
[MemoryDiagnoser]
[MinColumn]
[MaxColumn]
public class BgNbdFitBreakdownBenchmarks
{
    private const int EvaluationsPerInvocation = 20;

    private readonly double[] _gradient = new double[4];
    private PurchaseHistory[] _histories = [];
    private CreateTable _createTable = null!;
    private NegativeLogLikelihood _likelihood = null!;
    private double[] _logEstimates = [];

    private delegate object CreateTable(ReadOnlySpan<PurchaseHistory> histories);

    private delegate double NegativeLogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient);

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _histories = SimulatedLog.Simulate(Customers).Summarize().Histories();

        var domain = typeof(BgNbdFitter).Assembly;
        var tableType = Required(domain.GetType("CltvDashboard.Domain.Clv.Fitting.HistoryTable"), "HistoryTable");
        var create = Required(tableType.GetMethod("Create", BindingFlags.Public | BindingFlags.Static), "HistoryTable.Create");
        _createTable = create.CreateDelegate<CreateTable>();

        var fitterType = Required(domain.GetType("CltvDashboard.Domain.Clv.BgNbd.BetaGeometricFitter"), "BetaGeometricFitter");
        var likelihood = Required(fitterType.GetMethod("Likelihood", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static), "BetaGeometricFitter.Likelihood");
        var table = _createTable(_histories);
        var evaluator = (Delegate)likelihood.Invoke(null, [table, 0])!;
        _likelihood = evaluator.Method.CreateDelegate<NegativeLogLikelihood>(evaluator.Target);

        var fit = BgNbdFitter.Fit(_histories);
        var p = fit.Parameters;
        _logEstimates = [Math.Log(p.R), Math.Log(p.Alpha), Math.Log(p.A), Math.Log(p.B)];
        Console.WriteLine(
            $"// {_histories.Length:N0} histories -> {Property<int>(table, "Count"):N0} distinct (x, t_x, T) rows, " +
            $"{Property<double[]>(table, "DistinctT").Length:N0} distinct T, {Property<double[]>(table, "DistinctRecency").Length:N0} distinct t_x, " +
            $"{Property<int[]>(table, "DistinctFrequency").Length:N0} distinct x");
        Console.WriteLine(
            $"// fit: {fit.Diagnostics.Iterations} iterations of the best start, {fit.Diagnostics.FunctionEvaluations} evaluations over all starts, " +
            $"plus 8 for the standard errors; r = {p.R:G4}, alpha = {p.Alpha:G4}, a = {p.A:G4}, b = {p.B:G4}");
    }

    [Benchmark(Description = "HistoryTable.Create (grouping)")]
    public object GroupHistories() => _createTable(_histories);

    // One evaluation takes milliseconds, too short to time alone with the monitoring strategy; the mean is per evaluation.
    [Benchmark(Description = "BG/NBD likelihood + gradient, one evaluation", OperationsPerInvoke = EvaluationsPerInvocation)]
    public double EvaluateLikelihood()
    {
        var total = 0.0;
        for (var i = 0; i < EvaluationsPerInvocation; i++)
        {
            total += _likelihood(_logEstimates, _gradient);
        }

        return total;
    }

    private static T Required<T>(T? member, string name)
        where T : class =>
        member ?? throw new MissingMemberException($"The Domain library has no {name}; update {nameof(BgNbdFitBreakdownBenchmarks)}.");

    private static T Property<T>(object target, string name) =>
        (T)Required(target.GetType().GetProperty(name), $"HistoryTable.{name}").GetValue(target)!;
}
