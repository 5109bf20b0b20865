using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Cli.Output;

/// <summary>The predictions CSV of <c>cltv predict</c>.</summary>
internal static class PredictionFile
{
    /// <summary>
    /// Writes the file, model quantities to 6 decimals and money to 4, through a temporary sibling that is renamed into place, so an interrupted run never
    /// leaves a truncated predictions file behind.
    /// </summary>
    public static void Write(FileInfo file, TransactionSummary summary, CustomerForecast forecast, IReadOnlyList<double> expectedAverageValues)
    {
        var customers = summary.Customers;
        var columns = new List<CsvOutput.Column>
        {
            new("customer_id", i => Utf8Cell.Text(customers[i].CustomerId)),
            new("frequency", i => Utf8Cell.Integer(customers[i].Frequency)),
            new("recency", i => Utf8Cell.Number(customers[i].Recency)),
            new("T", i => Utf8Cell.Number(customers[i].T)),
            new("monetary_value", i => Utf8Cell.Number(customers[i].MonetaryValue, 4)),
            new("probability_alive", i => Utf8Cell.Number(forecast.ProbabilityAlive[i])),
            new("expected_purchases", i => Utf8Cell.Number(forecast.ExpectedPurchases[i])),
            new("expected_average_value", i => Utf8Cell.Number(expectedAverageValues[i], 4)),
            new("clv", i => Utf8Cell.Number(forecast.Clv[i], 4)),
        };
        if (summary.Period.HasHoldout)
        {
            columns.Add(new("holdout_frequency", i => Utf8Cell.Integer(customers[i].HoldoutFrequency)));
        }

        var directory = file.Directory ?? new DirectoryInfo(".");
        directory.Create();
        var temporary = Path.Combine(directory.FullName, $".{file.Name}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                CsvOutput.Write(stream, customers.Count, columns);
            }

            File.Move(temporary, file.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
