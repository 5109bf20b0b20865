using CltvDashboard.Domain.Transactions;
using CltvDashboard.TestSupport.Simulation;

namespace CltvDashboard.Benchmarks;

/// <summary>
/// The transaction log of a CDNOW-like customer base (<see cref="CdnowLikeScenario"/>), held in columns so that
/// benchmarks can feed it to <see cref="CustomerSummaryBuilder"/> the way the CSV reader does (identifier as a
/// span, day, amount) without measuring the simulation.
/// </summary>
internal sealed class SimulatedLog
{
    /// <summary>The seed of every benchmark's customer base: the figures in bench/README.md are for this base.</summary>
    public const int Seed = 1;

    private readonly int _idLength;
    private char[] _ids;
    private DateOnly[] _days;
    private decimal[] _amounts;

    private SimulatedLog(int idLength, int capacity, SummaryPeriod period)
    {
        _idLength = idLength;
        _ids = new char[capacity * idLength];
        _days = new DateOnly[capacity];
        _amounts = new decimal[capacity];
        Period = period;
    }

    /// <summary>Rows in the log.</summary>
    public int Count { get; private set; }

    /// <summary>The whole observation as calibration period, in weeks: what <c>cltv</c> uses by default.</summary>
    public SummaryPeriod Period { get; }

    /// <summary>Simulates the log of <paramref name="customers"/> customers, about 4.4 rows each.</summary>
    public static SimulatedLog Simulate(int customers, int seed = Seed)
    {
        var scenario = CdnowLikeScenario.Create(customers, seed);
        var calendar = CdnowLikeScenario.Calendar;

        // Every identifier of a scenario has the same length (zero-padded numbers), so rows can share one flat buffer.
        var log = new SimulatedLog(scenario.CustomerId(0).Length, customers * 5, calendar.SummaryPeriodFor(scenario.Window));
        CustomerBaseSimulator.SimulateTransactions(scenario, calendar, log.Append);
        return log;
    }

    public ReadOnlySpan<char> CustomerId(int row) => _ids.AsSpan(row * _idLength, _idLength);

    public DateOnly Day(int row) => _days[row];

    public decimal Amount(int row) => _amounts[row];

    /// <summary>Adds every row to a builder sized as the command line sizes it, and summarises.</summary>
    public TransactionSummary Summarize()
    {
        var builder = new CustomerSummaryBuilder(Count);
        for (var row = 0; row < Count; row++)
        {
            builder.Add(CustomerId(row), _days[row], _amounts[row]);
        }

        return builder.Build(Period);
    }

    private void Append(ReadOnlySpan<char> customerId, DateTime timestamp, decimal amount)
    {
        if (customerId.Length != _idLength)
        {
            throw new InvalidOperationException($"Customer identifier '{customerId}' is not {_idLength} characters long.");
        }

        if (Count == _days.Length)
        {
            Array.Resize(ref _ids, _ids.Length * 2);
            Array.Resize(ref _days, _days.Length * 2);
            Array.Resize(ref _amounts, _amounts.Length * 2);
        }

        customerId.CopyTo(_ids.AsSpan(Count * _idLength));
        _days[Count] = DateOnly.FromDateTime(timestamp);
        _amounts[Count] = amount;
        Count++;
    }
}
