using CltvDashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Cli.Tests;

public class ImportSettingsTests
{
    [Fact]
    public async Task Import_reads_local_times_on_the_stores_time_zone_when_none_is_given()
    {
        using var folder = new TemporaryFolder();
        var database = folder.Combine("store.db");
        await DatabaseMigrator.MigrateAsync(database);
        UpdateSettings(database, s => s.TimeZoneId = "Europe/Paris");
        var file = folder.File("orders.csv", "customer_id,date,amount\na,2024-07-01 12:00,10\n");

        CliRun.Of("import", "-i", file, "-d", database, "--currency", "EUR", "-q").ExitCode.Should().Be(0);

        using var context = CltvDatabase.CreateContext(database);
        context.Transactions.AsNoTracking().Single().OccurredAtUtc.Should().Be(new DateTime(2024, 7, 1, 10, 0, 0));
    }

    [Fact]
    public void The_first_import_gives_the_stores_data_the_currency_the_file_names()
    {
        using var folder = new TemporaryFolder();
        var database = folder.Combine("store.db");
        var file = folder.File("orders.csv", "customer_id,date,amount,currency\na,2024-07-01,10,EUR\n");

        CliRun.Of("import", "-i", file, "-d", database, "-q").ExitCode.Should().Be(0);

        using var context = CltvDatabase.CreateContext(database);
        context.Datasets.AsNoTracking().Single().Currency.Should().Be("EUR");
        context.BusinessSettings.AsNoTracking().Single().CurrencyCode.Should().BeNull("the setting names the currency of rows that name none, and no import changes it");
    }

    private static void UpdateSettings(string database, Action<Infrastructure.Data.Entities.BusinessSettings> change)
    {
        using var context = CltvDatabase.CreateContext(database);
        change(context.BusinessSettings.Single());
        context.SaveChanges();
    }
}
