using System.Globalization;
using System.Text;
using System.Text.Json;
using CltvDashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Cli.Tests;

public class PurchaseDayAgreementTests
{
    private const string Zone = "Europe/Paris";
    private const double DaysPerWeek = 7;

    [Fact]
    public void Predict_on_a_file_with_offsets_agrees_with_the_import_and_recalculation_customer_by_customer()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("orders.csv", OrdersCrossingMidnight());
        var database = folder.Combine("store.db");
        CliRun.Of("import", "-i", file, "-d", database, "--currency", "EUR", "--time-zone", Zone, "-q").ExitCode.Should().Be(0);
        UseSettingsTheCommandLineCanMatch(database);

        var recalc = CliRun.Of("recalc", "-d", database, "--as-of", "2025-12-31", "--json", "-q");
        recalc.ExitCode.Should().Be(0, recalc.Error);
        var model = JsonDocument.Parse(recalc.Output).RootElement.GetProperty("chosenModel").GetString()!;
        var predictions = folder.Combine("predictions.csv");
        var predict = CliRun.Of(
            "predict", "-i", file, "--time-zone", Zone, "--model", model, "--time-unit", "week", "--horizon", (365.25 / DaysPerWeek).ToString("R", CultureInfo.InvariantCulture),
            "--clv-months", "12", "--discount-rate", "0", "--margin", "1", "-o", predictions, "-q");
        predict.ExitCode.Should().Be(0, predict.Error);

        var stored = StoredResults(database);
        var predicted = Rows(predictions);
        predicted.Keys.Should().BeEquivalentTo(stored.Keys);
        // The predictions file writes six decimals.
        foreach (var (customer, p) in predicted)
        {
            var s = stored[customer];
            p["frequency"].Should().Be(s.Frequency, customer);
            (p["recency"] * DaysPerWeek).Should().BeApproximately(s.RecencyDays, 1e-5, customer);
            (p["T"] * DaysPerWeek).Should().BeApproximately(s.TenureDays, 1e-5, customer);
            p["probability_alive"].Should().BeApproximately(s.ProbabilityAlive, 2e-6, customer);
            p["expected_purchases"].Should().BeApproximately(s.ExpectedPurchases, 2e-6, customer);
            p["clv"].Should().BeApproximately(s.Clv, 0.006, customer);
        }
    }

    [Fact]
    public void The_same_file_read_on_utc_gives_other_purchase_occasions()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("orders.csv", OrdersCrossingMidnight());
        var paris = folder.Combine("paris.csv");
        var utc = folder.Combine("utc.csv");

        CliRun.Of("predict", "-i", file, "--time-zone", Zone, "--model", "bgnbd", "-o", paris, "-q").ExitCode.Should().Be(0);
        CliRun.Of("predict", "-i", file, "--model", "bgnbd", "-o", utc, "-q").ExitCode.Should().Be(0);

        var inParis = Rows(paris);
        var inUtc = Rows(utc);
        inParis.Count(c => c.Value["frequency"] != inUtc[c.Key]["frequency"]).Should().BePositive();
    }

    // A BG/NBD-like customer base (heterogeneous purchase rates, a dropout chance after each purchase) whose
    // purchases fall mostly late in the evening UTC (after midnight in Paris), written with 'Z', with offsets and as
    // bare dates and local times.
    private static string OrdersCrossingMidnight()
    {
        var random = new Random(7);
        var text = new StringBuilder("customer_id,date,amount\n");
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var end = start.AddDays(78 * 7);
        for (var customer = 1; customer <= 1000; customer++)
        {
            var perDay = -Math.Log(1 - random.NextDouble()) * 0.05;
            var dropout = 0.1 + 0.5 * random.NextDouble();
            var spend = 10 + 90 * random.NextDouble();
            var at = start.AddDays(random.Next(0, 84));
            var i = 0;
            do
            {
                var utc = random.NextDouble() < 0.6 ? at.Date.AddHours(22 + 2 * random.NextDouble()) : at;
                var written = ((customer + i) % 4) switch
                {
                    0 => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    1 => utc.AddHours(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'-05:00'", CultureInfo.InvariantCulture),
                    2 => utc.AddHours(9).ToString("yyyy-MM-dd HH:mm:ss '+0900'", CultureInfo.InvariantCulture),
                    _ => random.NextDouble() < 0.5 ? utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                };
                var amount = Math.Round((decimal)(spend * (0.5 + random.NextDouble())), 2);
                text.Append(CultureInfo.InvariantCulture, $"c{customer},{written},{amount:0.00}\n");
                at = at.AddDays(Math.Min(-Math.Log(1 - random.NextDouble()) / perDay, 10_000));
                i++;
            }
            while (at < end && random.NextDouble() > dropout);
        }

        return text.ToString();
    }

    private static void UseSettingsTheCommandLineCanMatch(string database)
    {
        using var context = CltvDatabase.CreateContext(database);
        var settings = context.BusinessSettings.Single();
        settings.TimeZoneId = Zone;
        settings.TimeUnit = Domain.Transactions.TimeUnit.Week;
        settings.HoldoutMonths = 0;
        settings.ForecastHorizonMonths = 12;
        settings.AnnualDiscountRate = 0;
        settings.ProfitMargin = 1;
        context.SaveChanges();
    }

    private static Dictionary<string, (int Frequency, double RecencyDays, double TenureDays, double ProbabilityAlive, double ExpectedPurchases, double Clv)> StoredResults(string database)
    {
        using var context = CltvDatabase.CreateContext(database);
        var run = context.CalculationRuns.AsNoTracking().Single(r => r.IsCurrent).Id;
        return context.CustomerMetrics.AsNoTracking()
            .Where(m => m.CalculationRunId == run)
            .Join(context.Customers, m => m.CustomerId, c => c.Id, (m, c) => new { c.ExternalId, m.Frequency, m.RecencyDays, m.TenureDays, m.ProbabilityAlive, m.ExpectedPurchases, m.PredictedClv })
            .AsEnumerable()
            .ToDictionary(r => r.ExternalId, r => (r.Frequency, r.RecencyDays, r.TenureDays, r.ProbabilityAlive!.Value, r.ExpectedPurchases!.Value, (double)r.PredictedClv!.Value));
    }

    private static Dictionary<string, Dictionary<string, double>> Rows(string predictions)
    {
        var lines = File.ReadAllLines(predictions);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(
            cells => cells[0],
            cells => header.Skip(1).Zip(cells.Skip(1)).Where(c => c.First != "next_purchase_date")
                .ToDictionary(c => c.First, c => double.Parse(c.Second, CultureInfo.InvariantCulture)));
    }
}
