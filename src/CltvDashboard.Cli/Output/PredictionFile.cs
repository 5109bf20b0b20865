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
    /// never leaves a truncated predictions file behind. The chance of buying again and the next purchase date come
    /// last, after the holdout's actual purchases when there is a holdout, and count from the end of the history the
    /// row describes: the calibration end. With ranges, each customer's 80 % range of purchases and of CLV follows
    /// them, formatted like the figures they bound.
    /// </summary>
    /// <param name="file">Where to write.</param>
    /// <param name="summary">The customers and their period.</param>
    /// <param name="forecast">The predictions, computed with a purchase window.</param>
    /// <param name="expectedAverageValues">Each customer's expected purchase value.</param>
    /// <param name="ranges">Each customer's 80 % ranges; null to leave their columns out.</param>
    public static void Write(
        FileInfo file, TransactionSummary summary, CustomerForecast forecast, IReadOnlyList<double> expectedAverageValues, PredictionRanges? ranges = null)
    {
        var customers = summary.Customers;
        var period = summary.Period;
        var chance = forecast.ProbabilityOfPurchase ?? throw new ArgumentException("The forecast was computed without a purchase window.", nameof(forecast));
        var timeToEvenChance = forecast.TimeToEvenChance!;
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

        columns.Add(new("purchase_probability", i => CsvCell.Number(chance[i])));
        columns.Add(new("next_purchase_date", i => CsvCell.Date(NextPurchase.DateOfEvenChance(period.CalibrationEnd, timeToEvenChance[i], period.TimeUnit))));
        if (ranges is not null)
        {
            var purchases = ranges.Purchases;
            var clvLow = ranges.Clv.ClvLow80 ?? throw new ArgumentException("The CLV ranges were computed without spend figures.", nameof(ranges));
            var clvHigh = ranges.Clv.ClvHigh80!;
            columns.Add(new("expected_purchases_low", i => CsvCell.Number(purchases.PurchasesLow80[i])));
            columns.Add(new("expected_purchases_high", i => CsvCell.Number(purchases.PurchasesHigh80[i])));
            columns.Add(new("clv_low", i => CsvCell.Number(clvLow[i], 4)));
            columns.Add(new("clv_high", i => CsvCell.Number(clvHigh[i], 4)));
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
