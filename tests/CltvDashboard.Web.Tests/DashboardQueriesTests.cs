using System.Globalization;
using System.Net;
using System.Text;
using CltvDashboard.Domain.Rfm;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Endpoints;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests;

/// <summary>The dashboards' read service on the CDNOW demo after one real run.</summary>
public abstract class DashboardQueriesTests(DemoApp demo)
{
    [Fact]
    public async Task Kpis_of_the_cdnow_run_match_its_customers_and_revenue()
    {
        await using var scope = demo.App.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<DashboardQueries>();

        var context = await queries.ContextAsync();
        var kpis = await queries.KpisAsync(context.Current!.Id, context.ActiveProbabilityThreshold);

        context.Current.Id.Should().Be(demo.RunId);
        context.Previous.Should().BeNull("the demo has one run");
        kpis!.Customers.Should().Be(23_570);
        kpis.HistoricalRevenue.Should().Be(2_500_315.63m);
        kpis.RepeatRate.Should().BeApproximately(0.4886, 0.0001);
        kpis.AverageOrderValue.Should().BeApproximately(36.99m, 0.01m);
        kpis.ActiveCustomers.Should().BeInRange(1, 23_570);
        kpis.MedianClv.Should().BeLessThan(kpis.MeanClv!.Value, "a few heavy buyers pull the mean above the median");
    }

    [Fact]
    public async Task Rfm_grid_covers_every_customer_with_champions_in_the_best_cell()
    {
        await using var scope = demo.App.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<DashboardQueries>();

        var grid = await queries.RfmGridAsync(demo.RunId);
        var segments = await queries.SegmentsAsync(demo.RunId, Segmentations.Rfm);

        grid.Sum(c => c.Customers).Should().Be(23_570);
        grid.Single(c => c.RecencyScore == 5 && c.FrequencyMonetaryScore == 5).Segment.Should().Be(RfmSegments.Champions);
        grid.Single(c => c.RecencyScore == 1 && c.FrequencyMonetaryScore == 1).Segment.Should().Be(RfmSegments.Lost);
        segments.Sum(s => s.CustomerShare).Should().BeApproximately(1, 1e-9);
        segments.Sum(s => s.ValueShare).Should().BeApproximately(1, 1e-9);
        segments.Single(s => s.Segment == RfmSegments.Champions).ValueShare.Should().BeGreaterThan(0.5, "champions hold most of CDNOW's predicted value");
    }

    [Fact]
    public async Task Model_checks_of_the_cdnow_run_give_a_weekly_tracking_curve_and_frequency_buckets_of_every_customer()
    {
        await using var scope = demo.App.Services.CreateAsyncScope();
        var analyst = scope.ServiceProvider.GetRequiredService<AnalystQueries>();

        var checks = await analyst.ModelChecksAsync(demo.RunId);
        var health = await analyst.ModelHealthAsync(demo.RunId);

        checks.PeriodName.Should().Be("week");
        checks.Tracking.Should().HaveCount(78, "1997-01-01 to 1998-06-30 is 78 weeks");
        checks.Tracking.Count(p => p.InHoldout).Should().Be(26, "the six-month holdout from 1997-12-31 is 26 weeks");
        checks.Tracking.Should().OnlyContain(p => p.InHoldout == (p.PeriodEnd > health!.CalibrationEnd));
        checks.Tracking[^1].CumulativeActual.Should().BeApproximately(checks.Tracking.Sum(p => p.Actual), 1e-6);
        checks.Buckets.Select(b => b.Frequency).Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
        checks.Buckets.Select(b => b.IsOpenEnded).Should().Equal(false, false, false, false, false, false, false, true);
        checks.Buckets.Sum(b => b.Customers).Should().Be(23_570);
        var chosen = health!.Fits.Single(f => f.IsChosen && f.Period == ModelFitPeriod.Calibration);
        checks.Buckets.Sum(b => b.Customers * b.Actual).Should().BeApproximately(chosen.HoldoutActualPurchases!.Value, 1e-6);
    }

    [Fact]
    public async Task Clv_distribution_counts_every_modelled_customer_once()
    {
        await using var scope = demo.App.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<DashboardQueries>();

        var bars = await queries.ClvDistributionAsync(demo.RunId);

        bars.Sum(b => b.Customers).Should().Be(23_570);
        bars.Should().BeInAscendingOrder(b => b.From);
        bars[^1].To.Should().BeNull("the last bar is open-ended for the tail");
        await using var context = demo.App.CreateContext();
        var clv = await context.CustomerMetrics.Where(m => m.CalculationRunId == demo.RunId).Select(m => m.PredictedClv!.Value).ToListAsync();
        foreach (var bar in bars)
        {
            var inBar = clv.Where(v => v >= bar.From && (bar.To is null || v < bar.To)).ToList();
            bar.Customers.Should().Be(inBar.Count, $"bar {bar.From}–{bar.To} holds the CLVs from its lower bound up to its upper one");
            bar.TotalClv.Should().BeApproximately(inBar.Sum(), 0.01m);
        }
    }

    [Fact]
    public async Task Median_clv_is_the_lower_middle_of_the_runs_ordered_clvs()
    {
        await using var scope = demo.App.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<DashboardQueries>();
        await using var context = demo.App.CreateContext();
        var clv = (await context.CustomerMetrics.Where(m => m.CalculationRunId == demo.RunId).Select(m => m.PredictedClv!.Value).ToListAsync()).Order().ToList();

        var kpis = await queries.KpisAsync(demo.RunId, 0.5);

        kpis!.MedianClv.Should().Be(clv[(clv.Count - 1) / 2]);
    }

    [Fact]
    public async Task Customer_list_pages_sorts_by_clv_and_finds_by_id()
    {
        await using var scope = demo.App.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<DashboardQueries>();
        var run = (await queries.ContextAsync()).Current!;

        var first = await queries.CustomersAsync(run, null, new CustomerListRequest(PageSize: 20));
        var second = await queries.CustomersAsync(run, null, new CustomerListRequest(Page: 2, PageSize: 20));
        var found = await queries.CustomersAsync(run, null, new CustomerListRequest(Search: "0001", Sort: CustomerSort.CustomerId, Descending: false));

        first.TotalCount.Should().Be(23_570);
        first.PageCount.Should().Be(1_179);
        first.Items[0].ExternalId.Should().Be("7592", "CDNOW customer 7592 is the most valuable");
        first.Items.Concat(second.Items).Select(c => c.PredictedClv).Should().BeInDescendingOrder();
        second.Items.Select(c => c.CustomerId).Should().NotIntersectWith(first.Items.Select(c => c.CustomerId));
        found.Items.Select(c => c.ExternalId).Should().Equal("10001", "20001");
        found.Items[0].LastPurchase.Should().Be(new DateOnly(1997, 10, 9));
    }

    [Fact]
    public async Task Presets_select_champions_and_top_value_customers_at_risk()
    {
        await using var scope = demo.App.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<DashboardQueries>();
        var run = (await queries.ContextAsync()).Current!;

        var champions = await queries.CustomersAsync(run, null, new CustomerListRequest(Preset: CustomerPreset.Champions, PageSize: 500));
        var atRisk = await queries.CustomersAsync(run, null, new CustomerListRequest(Preset: CustomerPreset.HighValueAtRisk, PageSize: 500));

        champions.TotalCount.Should().Be(7_936);
        champions.Items.Should().OnlyContain(c => c.Segment == RfmSegments.Champions);
        atRisk.TotalCount.Should().BeGreaterThan(0);
        atRisk.Items.Should().OnlyContain(c => c.ValueTier == ValueTiers.Top && c.ChurnRiskBand != ChurnRiskBands.Low);
    }

    [Fact]
    public async Task Customer_detail_has_purchases_and_the_run_history()
    {
        await using var scope = demo.App.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<DashboardQueries>();
        var run = (await queries.ContextAsync()).Current!;
        var row = (await queries.CustomersAsync(run, null, new CustomerListRequest(Search: "10001"))).Items.Single(c => c.ExternalId == "10001");

        var detail = await queries.CustomerAsync(run.Id, row.CustomerId);

        detail!.ExternalId.Should().Be("10001");
        detail.Purchases.Select(p => p.Amount).Should().Equal(6.79m, 12.99m);
        detail.Current.Frequency.Should().Be(1);
        detail.History.Should().ContainSingle().Which.Segment.Should().Be(detail.Current.Segment);
        (await queries.CustomerAsync(run.Id, -1)).Should().BeNull();
    }

    [Fact]
    public async Task Customer_curve_runs_from_the_first_purchase_to_the_stored_p_alive_and_rises_at_each_repeat_purchase()
    {
        await using var scope = demo.App.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<DashboardQueries>();
        var run = (await queries.ContextAsync()).Current!;
        var row = (await queries.CustomersAsync(run, null, new CustomerListRequest(Search: "10001"))).Items.Single(c => c.ExternalId == "10001");

        var detail = (await queries.CustomerAsync(run.Id, row.CustomerId))!;
        var curve = detail.Curve!;

        (curve.Points[0].Day, curve.Points[0].Purchase).Should().Be((new DateOnly(1997, 2, 6), 6.79m));
        curve.Points.Should().OnlyContain(p => p.ProbabilityAlive > 0 && p.ProbabilityAlive <= 1);
        curve.Points[^1].Day.Should().Be(new DateOnly(1998, 6, 30));
        curve.Points[^1].ProbabilityAlive.Should().BeApproximately(detail.Current.ProbabilityAlive!.Value, 1e-9, "the last day is the run's own view");
        curve.Points.Select(p => p.Day).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        curve.Points.Where(p => p.Purchase is not null).Select(p => (p.Day, p.Purchase)).Should().Equal((new DateOnly(1997, 2, 6), 6.79m), (new DateOnly(1997, 10, 9), 12.99m));
        var repeat = curve.Points.ToList().FindIndex(p => p.Day == new DateOnly(1997, 10, 9));
        curve.Points[repeat].ProbabilityAlive.Should().BeGreaterThan(curve.Points[repeat - 1].ProbabilityAlive);
        curve.Points.Skip(repeat + 1).Select(p => p.ProbabilityAlive).Should().BeInDescendingOrder("without purchases the chance only falls");
    }

    [Fact]
    public async Task Customer_history_export_lists_every_purchase_then_the_customer_in_each_run()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);
        await using var scope = demo.App.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<DashboardQueries>();
        var run = (await queries.ContextAsync()).Current!;
        var customer = (await queries.CustomersAsync(run, null, new CustomerListRequest(Search: "10001"))).Items.Single(c => c.ExternalId == "10001");

        var response = await client.GetAsync($"/exports/customers/{customer.CustomerId}/history.csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().Be($"cltv-customer-{customer.CustomerId}-history-run-{run.Id}-as-of-1998-06-30.csv");
        var table = ParseCsv(await response.Content.ReadAsStringAsync());
        table[0].Should().Equal(ExportEndpoints.CustomerHistoryColumns);
        var rows = table.Skip(1).Select(r => table[0].Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        rows.Select(r => (r["record"], r["date"], r["amount"])).Should().Equal(("purchase", "1997-02-06", "6.79"), ("purchase", "1997-10-09", "12.99"), ("run", "1998-06-30", ""));
        rows.Should().OnlyContain(r => r["customer_id"] == "10001");
        var state = rows[^1];
        state["run"].Should().Be(run.Id.ToString(CultureInfo.InvariantCulture));
        state["segment"].Should().Be(customer.Segment);
        double.Parse(state["p_alive"], CultureInfo.InvariantCulture).Should().BeApproximately(customer.ProbabilityAlive!.Value, 1e-6);
        decimal.Parse(state["predicted_clv"], CultureInfo.InvariantCulture).Should().BeApproximately(customer.PredictedClv!.Value, 0.0001m);
        (await client.GetAsync("/exports/customers/-1/history.csv")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    // RFC 4180: fields split on commas outside quotes, "" inside quotes is one quote, records end with CRLF.
    private static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return records;
    }
}

/// <summary>What-if projections with the CDNOW run's fitted model.</summary>
public sealed class WhatIfTests(DemoApp demo) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Unchanged_scenario_reproduces_the_stored_clv()
    {
        var result = await ProjectAsync(new WhatIfScenario(null, 0, 0, 0));
        await using var context = demo.App.CreateContext();
        var stored = (await context.CustomerMetrics.Where(m => m.CalculationRunId == demo.RunId).Select(m => m.PredictedClv).ToListAsync()).Sum(v => v ?? 0);

        result.Customers.Should().Be(23_570);
        result.ScenarioClv.Should().Be(result.BaselineClv);
        ((double)result.BaselineClv).Should().BeApproximately((double)stored, (double)stored * 0.001);
    }

    [Fact]
    public async Task Order_value_scales_clv_in_proportion_and_behaviour_changes_move_it_the_right_way()
    {
        var value = await ProjectAsync(new WhatIfScenario(null, 0, 0, 0.1));
        var rate = await ProjectAsync(new WhatIfScenario(null, 0, 0.1, 0));
        var retention = await ProjectAsync(new WhatIfScenario(null, 0.2, 0, 0));
        var worse = await ProjectAsync(new WhatIfScenario(null, -0.2, 0, 0));

        value.RelativeChange.Should().BeApproximately(0.1, 1e-6);
        rate.RelativeChange.Should().BeApproximately(0.1, 1e-6, "active customers' future purchases scale with their rate");
        retention.RelativeChange.Should().BePositive();
        worse.RelativeChange.Should().BeNegative();
    }

    [Fact]
    public async Task A_segment_scenario_values_only_that_segment()
    {
        var champions = await ProjectAsync(new WhatIfScenario(RfmSegments.Champions, 0, 0, 0.1));

        champions.Customers.Should().Be(7_936);
    }

    private async Task<WhatIfResult> ProjectAsync(WhatIfScenario scenario)
    {
        await using var scope = demo.App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<WhatIfQueries>().ProjectAsync(demo.RunId, scenario))!;
    }
}

/// <summary>On the SQLite default.</summary>
public sealed class SqliteDashboardQueriesTests(DemoApp demo) : DashboardQueriesTests(demo), IClassFixture<DemoApp>;

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresDashboardQueriesTests(PostgresDemoApp demo) : DashboardQueriesTests(demo), IClassFixture<PostgresDemoApp>;
