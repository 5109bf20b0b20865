using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Csv;

namespace CltvDashboard.Cli.Output;

/// <summary>The predictions CSV of <c>cltv predict</c>.</summary>
internal static class PredictionFile
{
    private static readonly CsvFormat Format = new("\n");

    /// <summary>
    /// Writes the file (model quantities to 6 decimals, money to 4, a formula-like customer id neutralised as
    /// <see cref="CsvCell.Text"/> says) through a temporary sibling that is renamed into place, so an interrupted run
    /// never leaves a truncated predictions file behind.
    /// </summary>
    public static void Write(FileInfo file, TransactionSummary summary, CustomerForecast forecast, IReadOnlyList<double> expectedAverageValues)
    {
        var customers = summary.Customers;
        var columns = new List<CsvColumn>
        {
            new("customer_id", i => CsvCell.Text(customers[i].CustomerId)),
            new("frequency", i => CsvCell.Number(customers[i].Frequency)),
            new("recency", i => CsvCell.Number(customers[i].Recency)),
            new("T", i => CsvCell.Number(customers[i].T)),
            new("monetary_value", i => CsvCell.Number(customers[i].MonetaryValue, 4)),
            new("probability_alive", i => CsvCell.Number(forecast.ProbabilityAlive[i])),
            new("expected_purchases", i => CsvCell.Number(forecast.ExpectedPurchases[i])),
            new("expected_average_value", i => CsvCell.Number(expectedAverageValues[i], 4)),
            new("clv", i => CsvCell.Number(forecast.Clv[i], 4)),
        };
        if (summary.Period.HasHoldout)
        {
            columns.Add(new("holdout_frequency", i => CsvCell.Number(customers[i].HoldoutFrequency)));
        }

        var directory = file.Directory ?? new DirectoryInfo(".");
        directory.Create();
        var temporary = Path.Combine(directory.FullName, $".{file.Name}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                CsvWriter.Write(stream, customers.Count, columns, Format);
            }

            File.Move(temporary, file.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
