using CltvDashboard.Domain.Rfm;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Tests.Queries;

/// <summary>The customer list over the CDNOW run.</summary>
public abstract class CustomerListQueriesTests<TRun>(TRun cdnow) : IClassFixture<TRun>
    where TRun : CdnowRun
{
    [Fact]
    public async Task Customer_list_pages_sorts_by_clv_and_finds_by_id()
    {
        await using var context = cdnow.CreateContext();
        var run = (await new RunContextQueries(context, new RunResultCache()).ContextAsync()).Current!;
        using var cache = new RunResultCache();
        var queries = new CustomerListQueries(context, cache);

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
        await using var context = cdnow.CreateContext();
        var run = (await new RunContextQueries(context, new RunResultCache()).ContextAsync()).Current!;
        using var cache = new RunResultCache();
        var queries = new CustomerListQueries(context, cache);

        var champions = await queries.CustomersAsync(run, null, new CustomerListRequest(Preset: CustomerPreset.Champions, PageSize: 500));
        var atRisk = await queries.CustomersAsync(run, null, new CustomerListRequest(Preset: CustomerPreset.HighValueAtRisk, PageSize: 500));

        champions.TotalCount.Should().Be(7_936);
        champions.Items.Should().OnlyContain(c => c.Segment == RfmSegments.Champions);
        atRisk.TotalCount.Should().BeGreaterThan(0);
        atRisk.Items.Should().OnlyContain(c => c.ValueTier == ValueTierRule.Top && c.ChurnRiskBand != ChurnRiskRule.Low);
    }

    [Fact]
    public async Task Customer_list_sorts_by_the_chance_of_buying_again_and_by_the_expected_next_purchase_with_the_not_expected_last()
    {
        await using var context = cdnow.CreateContext();
        var run = (await new RunContextQueries(context, new RunResultCache()).ContextAsync()).Current!;
        using var cache = new RunResultCache();
        var queries = new CustomerListQueries(context, cache);

        var likeliest = await queries.CustomersAsync(run, null, new CustomerListRequest(Sort: CustomerSort.PurchaseProbability, PageSize: 500));
        var soonest = await queries.AllCustomersAsync(run, null, new CustomerListRequest(Sort: CustomerSort.ExpectedNextPurchase, Descending: false)).ToListAsync();
        var latest = await queries.AllCustomersAsync(run, null, new CustomerListRequest(Sort: CustomerSort.ExpectedNextPurchase, Descending: true)).ToListAsync();

        likeliest.Items.Select(c => c.PurchaseProbability).Should().BeInDescendingOrder().And.OnlyContain(p => p > 0 && p <= 1);
        foreach (var order in new[] { soonest, latest })
        {
            var expected = order.TakeWhile(c => c.ExpectedNextPurchase != null).ToList();
            expected.Should().NotBeEmpty();
            order.Skip(expected.Count).Should().NotBeEmpty().And.OnlyContain(c => c.ExpectedNextPurchase == null, "customers never expected back come last");
        }

        soonest.TakeWhile(c => c.ExpectedNextPurchase != null).Select(c => c.ExpectedNextPurchase).Should().BeInAscendingOrder();
        latest.TakeWhile(c => c.ExpectedNextPurchase != null).Select(c => c.ExpectedNextPurchase).Should().BeInDescendingOrder();
        soonest.Should().OnlyContain(c => c.ExpectedNextPurchase == null || c.ExpectedNextPurchase > new DateOnly(1998, 6, 30), "the next purchase is expected after the data ends");
    }

    [Fact]
    public async Task Overdue_preset_lists_the_regular_customers_whose_expected_next_purchase_passed_before_today()
    {
        await using var context = cdnow.CreateContext();
        var run = (await new RunContextQueries(context, new RunResultCache()).ContextAsync()).Current!;
        using var cache = new RunResultCache();
        var queries = new CustomerListQueries(context, cache);
        var today = new DateOnly(1998, 10, 1);
        var metrics = await context.CustomerMetrics.AsNoTracking().Where(m => m.CalculationRunId == run.Id).ToListAsync();

        var overdue = await queries.AllCustomersAsync(run, null, new CustomerListRequest(Preset: CustomerPreset.Overdue, Today: today)).ToListAsync();
        var nobodyYet = await queries.CustomersAsync(run, null, new CustomerListRequest(Preset: CustomerPreset.Overdue, Today: new DateOnly(1998, 7, 1)));

        var expected = metrics.Where(m => m.Frequency >= OverdueRule.RegularFromRepeatPurchases && m.ExpectedNextPurchase < today).Select(m => m.CustomerId).ToList();
        expected.Should().NotBeEmpty();
        overdue.Select(c => c.CustomerId).Should().BeEquivalentTo(expected);
        overdue.Should().OnlyContain(c => c.Overdue && c.ExpectedNextPurchase < today);
        var later = new DateOnly(2030, 1, 1);
        var overdueLater = await queries.CustomersAsync(run, null, new CustomerListRequest(Preset: CustomerPreset.Overdue, Today: later));
        metrics.Should().Contain(m => m.Frequency < OverdueRule.RegularFromRepeatPurchases && m.ExpectedNextPurchase < later);
        overdueLater.TotalCount.Should().Be(metrics.Count(m => m.Frequency >= OverdueRule.RegularFromRepeatPurchases && m.ExpectedNextPurchase < later),
            "customers with fewer than two repeat purchases whose day passed are not called overdue");
        nobodyYet.TotalCount.Should().Be(0, "no expected next purchase falls before the first day after the data");
    }

    [Fact]
    public async Task High_value_at_risk_is_judged_on_the_chance_of_buying_again_falling_since_the_previous_run()
    {
        await using var context = cdnow.CreateContext();
        var run = (await new RunContextQueries(context, new RunResultCache()).ContextAsync()).Current!;
        using var cache = new RunResultCache();
        var queries = new CustomerListQueries(context, cache);

        var atRisk = await queries.AllCustomersAsync(run, run.Id, new CustomerListRequest(Preset: CustomerPreset.HighValueAtRisk)).ToListAsync();
        var byBand = await queries.AllCustomersAsync(run, null, new CustomerListRequest(Preset: CustomerPreset.HighValueAtRisk)).ToListAsync();

        atRisk.Should().Equal(byBand, "compared with itself no customer's chance of buying again fell, so only the bands count");
        byBand.Should().NotBeEmpty().And.OnlyContain(c => c.ValueTier == ValueTierRule.Top && (c.ChurnRiskBand == ChurnRiskRule.High || c.ChurnRiskBand == ChurnRiskRule.Medium));
    }

    [Fact]
    public async Task The_export_stream_lists_the_same_customers_in_the_same_order_as_the_pages()
    {
        await using var context = cdnow.CreateContext();
        var run = (await new RunContextQueries(context, new RunResultCache()).ContextAsync()).Current!;
        using var cache = new RunResultCache();
        var queries = new CustomerListQueries(context, cache);
        var request = new CustomerListRequest(Preset: CustomerPreset.Champions, PageSize: 500);

        var page = await queries.CustomersAsync(run, null, request);
        var streamed = await queries.AllCustomersAsync(run, null, request).Take(500).ToListAsync();

        streamed.Should().Equal(page.Items);
    }
}

/// <summary>On the SQLite default.</summary>
public sealed class SqliteCustomerListQueriesTests(SqliteCdnowRun cdnow) : CustomerListQueriesTests<SqliteCdnowRun>(cdnow);

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresCustomerListQueriesTests(PostgresCdnowRun cdnow) : CustomerListQueriesTests<PostgresCdnowRun>(cdnow);
