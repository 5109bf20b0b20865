using System.Globalization;
using System.Net;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Endpoints;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests.Endpoints;

/// <summary>Every export on a store whose text (customer ids, contacts, segment and channel names, model names) looks like spreadsheet formulas.</summary>
public sealed class ExportInjectionTests(SqliteApp fixture) : IClassFixture<SqliteApp>, IAsyncLifetime
{
    private const string CustomerId = "=cmd|' /C calc'!A0";
    private const string RfmSegment = "+SUM(A1)";
    private const string Channel = "-evil";
    private const string ModelName = "@fit";
    private const string Email = "=hi@example.com";
    private const string Name = "+Ann Formula";

    private static readonly string[] FormulaStarts = ["=", "+", "-", "@", "\t", "\r"];

    private CltvWebFactory App => fixture.App;

    public static TheoryData<string, string> Exports() => new()
    {
        { "/exports/customers.csv", "'" + CustomerId },
        { "/exports/customers/history.csv?id={id}", "'" + CustomerId },
        { "/exports/segments/rfm.csv", "'" + RfmSegment },
        { "/exports/segments/channel.csv", "'" + Channel },
        { "/exports/segment-migrations/rfm.csv", "'" + RfmSegment },
        { "/exports/rfm-grid.csv", "'" + RfmSegment },
        { "/exports/cohorts.csv", "-5" },
        { "/exports/channel-cohorts.csv?channel=-evil", "'" + Channel },
        { "/exports/model-fits.csv", "'" + ModelName },
        { "/exports/audiences/klaviyo.csv", "'" + Email },
        { "/exports/audiences/mailchimp.csv", "'+Ann" },
    };

    public async Task InitializeAsync()
    {
        await using var context = App.CreateContext();
        await context.CustomerMetrics.ExecuteDeleteAsync();
        await context.RfmGridCells.ExecuteDeleteAsync();
        await context.SegmentSummaries.ExecuteDeleteAsync();
        await context.SegmentMigrations.ExecuteDeleteAsync();
        await context.CohortCells.ExecuteDeleteAsync();
        await context.ModelFits.ExecuteDeleteAsync();
        await context.CalculationRuns.ExecuteDeleteAsync();
        await context.Customers.ExecuteDeleteAsync();

        var run = new CalculationRun
        {
            Status = CalculationRunStatus.Succeeded,
            AsOfUtc = new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc),
            RequestedAtUtc = DateTime.UtcNow,
            ObservationEnd = new DateOnly(2024, 6, 30),
            PercentComplete = 100,
            IsCurrent = true,
        };
        var customer = new Customer { ExternalId = CustomerId, FirstSeenAtUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Email = Email, Name = Name };
        context.CalculationRuns.Add(run);
        context.Customers.Add(customer);
        await context.SaveChangesAsync();

        context.CustomerMetrics.Add(new RunCustomerMetric
        {
            CalculationRunId = run.Id,
            CustomerId = customer.Id,
            Frequency = 3,
            TotalRevenue = -5m,
            RecencyScore = 5,
            FrequencyScore = 5,
            MonetaryScore = 5,
            Segment = RfmSegment,
            ValueTier = "Top",
            ChurnRiskBand = "Low",
            AcquisitionCohort = new DateOnly(2024, 1, 1),
            AcquisitionChannel = Channel,
            ProbabilityAlive = 0.9,
            ExpectedPurchases = 2,
            PredictedClv = -5m,
        });
        context.SegmentSummaries.AddRange(
            new RunSegmentSummary { CalculationRunId = run.Id, Segmentation = Segmentations.Rfm, Segment = RfmSegment, CustomerCount = 1, Share = 1, TotalRevenue = -5m },
            new RunSegmentSummary { CalculationRunId = run.Id, Segmentation = Segmentations.AcquisitionChannel, Segment = Channel, CustomerCount = 1, Share = 1, TotalRevenue = -5m });
        context.RfmGridCells.Add(new RunRfmGridCell { CalculationRunId = run.Id, RecencyScore = 5, FrequencyMonetaryScore = 5, Customers = 1, MeanClv = -5m, Segment = RfmSegment });
        context.SegmentMigrations.Add(new RunSegmentMigration { CalculationRunId = run.Id, Segmentation = Segmentations.Rfm, FromSegment = RfmSegment, ToSegment = RfmSegment, CustomerCount = 1 });
        foreach (var channel in new[] { RunCohortCell.AllChannels, Channel })
        {
            context.CohortCells.Add(new RunCohortCell
            {
                CalculationRunId = run.Id, Channel = channel, AcquisitionMonth = new DateOnly(2024, 1, 1), CohortSize = 1, ActiveCustomers = 1, Revenue = -5m, CumulativeRevenue = -5m,
            });
        }

        context.ModelFits.Add(new RunModelFit
        {
            CalculationRunId = run.Id, ModelName = ModelName, Period = ModelFitPeriod.FullHistory, IsChosen = true, CustomersUsed = 1, ParametersJson = "{\"=r\":-0.5}", Converged = true,
            FittedAtUtc = DateTime.UtcNow,
        });
        await context.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task Export_neutralises_formula_like_text_and_leaves_numbers_alone(string url, string expectedCell)
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);

        var response = await client.GetAsync(url.Replace("{id}", Uri.EscapeDataString(CustomerId), StringComparison.Ordinal));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var cells = (await response.Content.ReadAsStringAsync())
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(line => line.Split(','))
            .Select(cell => cell.Trim('"'))
            .ToList();
        cells.Should().Contain(expectedCell);
        cells.Where(cell => FormulaStarts.Any(start => cell.StartsWith(start, StringComparison.Ordinal)))
            .Where(cell => !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Should().BeEmpty("only a number may start like a formula");
    }

    [Fact]
    public void Every_export_is_covered()
    {
        var covered = Exports().Select(row => (string)row[0]).ToList();

        ExportEndpoints.All.Should().OnlyContain(export => covered.Any(url => url.StartsWith("/exports" + export.Route.Split('{')[0], StringComparison.Ordinal)));
    }
}
