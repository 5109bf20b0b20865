using System.Globalization;
using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Tests.Queries;

/// <summary>The overview's stored figures of the CDNOW run.</summary>
public abstract class OverviewQueriesTests<TRun>(TRun cdnow) : IClassFixture<TRun>
    where TRun : CdnowRun
{
    [Fact]
    public async Task Kpis_of_the_cdnow_run_match_its_customers_and_revenue()
    {
        await using var context = cdnow.CreateContext();
        var runContext = await new RunContextQueries(context, new RunResultCache()).ContextAsync();

        var kpis = await new OverviewQueries(context).KpisAsync(runContext.Current!.Id);

        runContext.Current.Id.Should().Be(cdnow.RunId);
        runContext.Previous.Should().BeNull("the store has one run");
        kpis!.Customers.Should().Be(23_570);
        kpis.HistoricalRevenue.Should().Be(2_500_315.63m);
        kpis.RepeatRate.Should().BeApproximately(0.4886, 0.0001);
        kpis.AverageOrderValue.Should().BeApproximately(36.99m, 0.01m);
        kpis.ActiveCustomers.Should().BeInRange(1, 23_570);
        kpis.MedianClv.Should().BeLessThan(kpis.MeanClv!.Value, "a few heavy buyers pull the mean above the median");
    }

    [Fact]
    public async Task Kpis_are_the_totals_of_the_runs_customer_rows_at_the_runs_active_threshold()
    {
        await using var context = cdnow.CreateContext();
        var customers = await context.CustomerMetrics.AsNoTracking().Where(m => m.CalculationRunId == cdnow.RunId).ToListAsync();

        var kpis = (await new OverviewQueries(context).KpisAsync(cdnow.RunId))!;

        kpis.ActiveCustomers.Should().Be(customers.Count(c => c.ProbabilityAlive >= 0.5), "the run was computed with the default threshold of 0.5");
        kpis.PurchaseFrequency.Should().BeApproximately(customers.Average(c => c.Frequency + 1.0), 1e-9);
        kpis.TotalClv.Should().Be(Math.Round(customers.Sum(c => c.PredictedClv!.Value), 2));
        kpis.PredictedRevenue.Should().BeApproximately((decimal)customers.Sum(c => c.ExpectedPurchases!.Value * (double)c.ExpectedAverageValue!.Value), 0.01m);
        kpis.ClvToCac.Should().BeNull("no acquisition cost is set");
    }

    [Fact]
    public async Task Rule_of_thumb_stored_with_the_run_and_its_segments_is_the_domains_formula_on_the_same_customers()
    {
        await using var context = cdnow.CreateContext();
        var end = (await context.CalculationRuns.AsNoTracking().SingleAsync(r => r.Id == cdnow.RunId)).ObservationEnd!.Value;
        var log = new TransactionLog();
        foreach (var row in await context.Transactions.AsNoTracking().Select(t => new { t.CustomerId, t.OccurredAtUtc, t.Amount }).ToListAsync())
        {
            var day = PurchaseDay.Of(new DateTimeOffset(DateTime.SpecifyKind(row.OccurredAtUtc, DateTimeKind.Utc)), TimeZoneInfo.Utc);
            log.Add(row.CustomerId.ToString(CultureInfo.InvariantCulture), day, row.Amount);
        }

        var retention = RuleOfThumbClv.ObservedYearlyRetention(log, end);
        var lifespan = RuleOfThumbClv.LifespanFromRetention(retention)!.Value;
        var customers = await context.CustomerMetrics.AsNoTracking().Where(m => m.CalculationRunId == cdnow.RunId).ToListAsync();
        double Expected(IEnumerable<RunCustomerMetric> group)
        {
            var summaries = group
                .Select(m => new CustomerSummary(
                    m.CustomerId.ToString(CultureInfo.InvariantCulture), end.AddDays(-(int)m.TenureDays), end.AddDays(-m.DaysSinceLastPurchase), m.Frequency, 0, 0, 0, m.TotalRevenue, 0, 0m))
                .ToList();
            var averages = RuleOfThumbClv.Averages(summaries, end);
            return RuleOfThumbClv.Compute(averages.AveragePurchaseValue, averages.PurchasesPerYear, lifespan, acquisitionCost: 0);
        }

        var kpis = (await new OverviewQueries(context).KpisAsync(cdnow.RunId))!;
        var segments = await new SegmentsQueries(context).SegmentsAsync(cdnow.RunId, Segmentations.Rfm);

        kpis.RuleOfThumb.YearlyRetention.Should().BeApproximately(retention.Rate!.Value, 1e-12);
        kpis.RuleOfThumb.LifespanYears.Should().BeApproximately(lifespan, 1e-9);
        kpis.RuleOfThumb.AcquisitionCost.Should().Be(0m, "no acquisition cost is set");
        ((double)kpis.RuleOfThumb.RuleOfThumbClv!.Value).Should().BeApproximately(Expected(customers), 0.005);
        ((double)kpis.RuleOfThumb.RuleOfThumbClv.Value).Should().NotBeApproximately((double)kpis.MeanClv!.Value, 0.5, "the owners' formula is not the model's CLV");
        segments.Should().NotBeEmpty();
        foreach (var row in segments)
        {
            ((double)row.RuleOfThumbClv!.Value).Should().BeApproximately(Expected(customers.Where(c => c.Segment == row.Segment)), 0.0001, row.Segment);
        }
    }

    [Fact]
    public async Task Clv_distribution_counts_every_modelled_customer_once()
    {
        await using var context = cdnow.CreateContext();

        var bars = await new OverviewQueries(context).ClvDistributionAsync(cdnow.RunId);

        bars.Sum(b => b.Customers).Should().Be(23_570);
        bars.Should().BeInAscendingOrder(b => b.From);
        bars[^1].To.Should().BeNull("the last bar is open-ended for the tail");
        var clv = await context.CustomerMetrics.Where(m => m.CalculationRunId == cdnow.RunId).Select(m => m.PredictedClv!.Value).ToListAsync();
        foreach (var bar in bars)
        {
            var inBar = clv.Where(v => v >= bar.From && (bar.To is null || v < bar.To)).ToList();
            bar.Customers.Should().Be(inBar.Count, $"bar {bar.From}–{bar.To} holds the CLVs from its lower bound up to its upper one");
            bar.TotalClv.Should().BeApproximately(inBar.Sum(), 0.01m);
        }
    }

    [Fact]
    public async Task Clv_distribution_of_cdnow_shows_the_spread_with_no_bar_holding_more_than_40_percent()
    {
        await using var context = cdnow.CreateContext();

        var bars = await new OverviewQueries(context).ClvDistributionAsync(cdnow.RunId);

        var largest = bars.Max(b => b.Customers) / (double)bars.Sum(b => b.Customers);
        largest.Should().BeLessThanOrEqualTo(0.40, $"the fullest bar holds {largest:P1} of customers (equal-width bars put 85 % in one)");
        bars.Count.Should().BeGreaterThanOrEqualTo(8);
        bars.Skip(1).Should().OnlyContain(b => b.From == Math.Round(b.From, 2), "edges are amounts in cents at most");
    }

    [Fact]
    public async Task Median_clv_is_the_lower_middle_of_the_runs_ordered_clvs()
    {
        await using var context = cdnow.CreateContext();
        var clv = (await context.CustomerMetrics.Where(m => m.CalculationRunId == cdnow.RunId).Select(m => m.PredictedClv!.Value).ToListAsync()).Order().ToList();

        var kpis = await new OverviewQueries(context).KpisAsync(cdnow.RunId);

        kpis!.MedianClv.Should().Be(clv[(clv.Count - 1) / 2]);
    }

    [Fact]
    public async Task Trend_point_of_the_run_repeats_its_kpis()
    {
        await using var context = cdnow.CreateContext();
        var overview = new OverviewQueries(context);
        var kpis = (await overview.KpisAsync(cdnow.RunId))!;

        var trend = await overview.TrendAsync(cdnow.RunId);

        var point = trend.Should().ContainSingle().Subject;
        (point.RunId, point.Customers, point.HistoricalRevenue, point.TotalClv).Should().Be((cdnow.RunId, kpis.Customers, kpis.HistoricalRevenue, kpis.TotalClv));
        point.MeanProbabilityAlive.Should().BeInRange(0, 1);
        (await overview.TrendAsync(cdnow.RunId - 1)).Should().BeEmpty("the trend ends at the run asked for");
    }
}

/// <summary>On the SQLite default.</summary>
public sealed class SqliteOverviewQueriesTests(SqliteCdnowRun cdnow) : OverviewQueriesTests<SqliteCdnowRun>(cdnow);

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresOverviewQueriesTests(PostgresCdnowRun cdnow) : OverviewQueriesTests<PostgresCdnowRun>(cdnow);
