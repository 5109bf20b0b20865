using System.Globalization;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Cli.Tests;

/// <summary>The CDNOW sample the command line reads, summarised by the Domain itself, to check the command line's figures against.</summary>
internal static class CdnowSample
{
    /// <summary>Fader &amp; Hardie's calibration end.</summary>
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    private static readonly Lazy<TransactionLog> Log = new(() =>
    {
        var log = new TransactionLog();
        foreach (var line in File.ReadLines(CliRun.Sample).Skip(1))
        {
            var fields = line.Split(',');
            log.Add(fields[0], DateOnly.ParseExact(fields[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), decimal.Parse(fields[3], CultureInfo.InvariantCulture));
        }

        return log;
    });

    /// <summary>The sample in weeks, calibrated to <paramref name="calibrationEnd"/> (the observation end when null).</summary>
    public static TransactionSummary Summary(DateOnly? calibrationEnd) =>
        new CustomerSummaryBuilder(Log.Value).Build(new SummaryPeriod(calibrationEnd ?? Log.Value.LastDay!.Value, Log.Value.LastDay!.Value, TimeUnit.Week));
}
