using System.Diagnostics;
using System.Globalization;
using CltvDashboard.TestSupport.Simulation;

namespace CltvDashboard.Benchmarks.Generation;

/// <summary>
/// <c>generate --customers N --seed S --output F.csv</c>: writes the transaction log of a CDNOW-like customer base
/// (<see cref="CdnowLikeScenario"/>) as the CSV the <c>cltv</c> command line reads.
/// </summary>
internal static class GenerateCommand
{
    private const string Usage = "usage: generate --customers N --seed S --output F.csv   (defaults: --customers 1000000 --seed 1)";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var customers = 1_000_000;
        var seed = 1;
        string? path = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var (name, value) = (args[i], args[i + 1]);
            var understood = name switch
            {
                "--customers" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out customers) && customers > 0,
                "--seed" => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed),
                "--output" => !string.IsNullOrWhiteSpace(path = value),
                _ => false,
            };
            if (!understood)
            {
                error.WriteLine($"generate: cannot use {name} '{value}'.");
                error.WriteLine(Usage);
                return 1;
            }
        }

        if (args.Length % 2 != 0)
        {
            error.WriteLine($"generate: {args[^1]} needs a value.");
            error.WriteLine(Usage);
            return 1;
        }

        if (path is null)
        {
            error.WriteLine("generate: --output is required.");
            error.WriteLine(Usage);
            return 1;
        }

        var file = new FileInfo(path);
        file.Directory?.Create();

        // Written next to the target and renamed at the end, so an interrupted run never leaves a truncated
        // file that a later run (or bench/predict-e2e.sh) would take for a complete one.
        var partial = file.FullName + ".partial";
        var stopwatch = Stopwatch.StartNew();
        var scenario = CdnowLikeScenario.Create(customers, seed);
        long rows;
        long customersWritten;
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
        using (var writer = new TransactionCsvWriter(stream))
        {
            rows = CustomerBaseSimulator.SimulateTransactions(scenario, CdnowLikeScenario.Calendar, writer.Write);
            customersWritten = writer.Customers;
        }

        File.Move(partial, file.FullName, overwrite: true);
        stopwatch.Stop();
        file.Refresh();

        output.WriteLine(
            $"{file.FullName}: {rows:N0} transactions of {customersWritten:N0} customers " +
            $"({(double)rows / customersWritten:F2} a customer), {file.Length / 1e6:N1} MB, seed {seed}, " +
            $"written in {stopwatch.Elapsed.TotalSeconds:F2} s");
        return 0;
    }
}
