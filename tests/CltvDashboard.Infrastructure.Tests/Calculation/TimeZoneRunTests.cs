using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Infrastructure.Tests.Support;
using CltvDashboard.TestSupport;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Calculation;

/// <summary>
/// The small Shopify shop, recalculated with the business clock in UTC and in Europe/Paris: a time zone moves
/// some purchases to the day before, and must not move the model choice to a fit that expects no holdout purchases.
/// </summary>
public sealed class TimeZoneRunTests(SqliteStoreDatabase store) : IClassFixture<SqliteStoreDatabase>
{
    private static readonly DateTime AsOf = new(2024, 12, 31, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(240, 13)]
    [InlineData(400, 14)]
    public async Task Small_shop_chooses_a_model_that_forecasts_the_holdout_within_half_under_utc_and_paris_alike(int customers, int seed)
    {
        var database = await RunStore.FreshAsync(store);
        await using (var file = Utf8(ShopifyExportGenerator.Generate(customers, seed)))
        {
            await new TransactionImporter(database).ImportAsync(file, new ImportRequest("orders_export.csv", Options("EUR"), ImportMode.Append, "tests"));
        }

        var utc = await RecalculateInAsync(database, "UTC");
        var paris = await RecalculateInAsync(database, "Europe/Paris");

        foreach (var (zone, run) in new[] { ("UTC", utc), ("Europe/Paris", paris) })
        {
            run.Summary.Customers.Should().Be(customers, zone);
            run.Chosen.HoldoutActualPurchases.Should().BeGreaterThan(0, zone);
            run.Chosen.HoldoutPredictedPurchases!.Value.Should().BeApproximately(
                run.Chosen.HoldoutActualPurchases!.Value, 0.5 * run.Chosen.HoldoutActualPurchases.Value, $"{zone}: {run.Summary.ModelChoiceReason}");
            run.Summary.ModelChoiceReason.Should().NotContain("No purchase-count model passed", zone);
        }

        paris.ExpectedPurchases.Should().BeApproximately(utc.ExpectedPurchases, 0.15 * utc.ExpectedPurchases, "a time zone moves some purchases by a day, not the forecast");
    }

    private static async Task<(RecalculationSummary Summary, RunModelFit Chosen, double ExpectedPurchases)> RecalculateInAsync(string database, string zone)
    {
        await RunStore.ChangeSettingsAsync(database, s => s.TimeZoneId = zone);
        var summary = await RunStore.RecalculateAsync(database, AsOf);
        summary.Status.Should().Be(CalculationRunStatus.Succeeded, string.Join('\n', summary.Warnings));
        var chosen = (await RunStore.FitsAsync(database, summary.RunId)).Single(f => f.Period == ModelFitPeriod.Calibration && f.IsChosen);
        var expected = (await RunStore.CustomersAsync(database, summary.RunId)).Sum(c => c.ExpectedPurchases ?? 0);
        return (summary, chosen, expected);
    }
}
