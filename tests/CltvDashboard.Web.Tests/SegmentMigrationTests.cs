using System.Globalization;
using System.Net;
using System.Text;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests;

/// <summary>
/// The segment migration the pipeline stores, through the Segments page and its CSV: two real runs of one dataset, the
/// second after more customers were added, so that some customers are new.
/// </summary>
public sealed class SegmentMigrationTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private CltvWebFactory App => fixture.App;

    [Theory]
    [InlineData(Segmentations.Rfm)]
    [InlineData(Segmentations.ValueTier)]
    [InlineData(Segmentations.ChurnRisk)]
    public async Task Migration_csv_downloads_and_its_rows_add_up_to_the_runs_customers_plus_the_gone_ones(string segmentation)
    {
        var (previous, current) = await TwoRunsAsync();
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var response = await client.GetAsync($"/exports/segment-migrations/{segmentation}.csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var context = App.CreateContext();
        var end = await context.CalculationRuns.Where(r => r.Id == current).Select(r => r.ObservationEnd).SingleAsync();
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().Be($"cltv-segment-migrations-{segmentation}-run-{current}-data-to-{end:yyyy-MM-dd}-in-USD.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        header[0].Should().Be("from");
        header.Should().NotContain("not in this run", "within one dataset no customer leaves: a replaced file starts a dataset of its own");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        rows.Should().OnlyContain(r => r.Length == header.Length);
        rows[^1][0].Should().Be("new");
        var counts = rows.Select(r => r.Skip(1).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray()).ToList();

        var before = await context.CustomerMetrics.Where(m => m.CalculationRunId == previous).Select(m => m.CustomerId).ToListAsync();
        var now = await context.CustomerMetrics.Where(m => m.CalculationRunId == current).Select(m => m.CustomerId).ToListAsync();
        before.Except(now).Should().BeEmpty();
        now.Except(before).Should().NotBeEmpty("the second file adds customers");
        counts.Sum(r => r.Sum()).Should().Be(now.Count);
        counts[^1].Sum().Should().Be(now.Except(before).Count(), "the last row counts the new customers");
    }

    [Fact]
    public async Task Segments_page_shows_the_stored_matrix_of_the_chosen_segmentation()
    {
        await TwoRunsAsync();
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var html = await client.GetStringAsync("/Segments?migration=churn-risk");

        html.Should().Contain("id=\"migration-matrix\" data-segmentation=\"churn-risk\"")
            .And.Contain(">new</th>")
            .And.Contain("href=\"/exports/segment-migrations/churn-risk.csv\"");
        (await client.GetStringAsync("/Segments?migration=nonsense")).Should().Contain("data-segmentation=\"rfm\"", "an unknown choice falls back to RFM");
        (await client.GetAsync("/exports/segment-migrations/cohort.csv")).StatusCode.Should().Be(HttpStatusCode.NotFound, "customers do not move between acquisition cohorts");
    }

    // Customers 0–59 buy in 2024 (a replace: a dataset of its own); the second file adds customers 10–69, so 60–69 are new.
    private async Task<(long Previous, long Current)> TwoRunsAsync()
    {
        await using (var context = App.CreateContext())
        {
            await context.CalculationRuns.ExecuteDeleteAsync();
        }

        await ImportAsync(Enumerable.Range(0, 60), ImportMode.Replace);
        var previous = await RecalculateAsync();
        await ImportAsync(Enumerable.Range(10, 60), ImportMode.Append);
        var current = await RecalculateAsync();
        return (previous, current);
    }

    private async Task ImportAsync(IEnumerable<int> customers, ImportMode mode)
    {
        var csv = new StringBuilder("customer_id,date,amount\n");
        foreach (var c in customers)
        {
            for (var n = 0; n <= c % 5; n++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"m{c},{new DateOnly(2024, 1, 1).AddDays((c * 3) + (n * (20 + (c % 7) * 9))):yyyy-MM-dd},{10 + ((c * 7) % 90)}.50\n");
            }
        }

        await using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        await new TransactionImporter(App.Database).ImportAsync(file, new ImportRequest("migration.csv", new ImportOptions { Now = Now, Currency = "USD" }, mode, "tests"));
    }

    private async Task<long> RecalculateAsync()
    {
        await using var context = App.CreateContext();
        var summary = await new RecalculationPipeline(context).RecalculateAsync(CalculationTrigger.Manual, new DateOnly(2024, 12, 31));
        summary.Status.Should().Be(CalculationRunStatus.Succeeded);
        return summary.RunId;
    }
}
