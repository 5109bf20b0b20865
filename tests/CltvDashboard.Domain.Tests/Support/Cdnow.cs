using System.Globalization;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.TestSupport;

namespace CltvDashboard.Domain.Tests.Support;

/// <summary>The CDNOW data sets shipped under tests/TestData/cdnow, loaded once per test run.</summary>
public static class Cdnow
{
    /// <summary>Fader &amp; Hardie's standard calibration end: 39 weeks after 1997-01-01.</summary>
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    /// <summary>The last day of the data.</summary>
    public static readonly DateOnly ObservationEnd = new(1998, 6, 30);

    private static readonly Lazy<IReadOnlyList<Transaction>> SampleRows = new(() => Load("cdnow_sample.csv"));
    private static readonly Lazy<IReadOnlyList<Transaction>> MasterRows = new(() => Load("cdnow_master.csv"));
    private static readonly Lazy<TransactionSummary> SampleWeekly = new(() => Summarize(Sample, TimeUnit.Week));

    public static IReadOnlyList<Transaction> Sample => SampleRows.Value;

    public static IReadOnlyList<Transaction> Master => MasterRows.Value;

    /// <summary>The sample summarised in weeks with the standard calibration/holdout split.</summary>
    public static TransactionSummary SampleSummary => SampleWeekly.Value;

    public static TransactionSummary Summarize(IEnumerable<Transaction> rows, TimeUnit unit)
    {
        var builder = new CustomerSummaryBuilder();
        foreach (var row in rows)
        {
            builder.Add(row);
        }

        return builder.Build(new SummaryPeriod(CalibrationEnd, ObservationEnd, unit));
    }

    // The shipped files are machine-written with a fixed header (customer_id,date,quantity,amount).
    private static List<Transaction> Load(string file)
    {
        var rows = new List<Transaction>();
        foreach (var line in File.ReadLines(TestDataFiles.PathOf("cdnow", file)).Skip(1))
        {
            var fields = line.Split(',');
            rows.Add(new Transaction(
                fields[0],
                DateTime.ParseExact(fields[1], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                decimal.Parse(fields[3], CultureInfo.InvariantCulture)));
        }

        return rows;
    }
}
