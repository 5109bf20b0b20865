using CltvDashboard.Domain.Rfm;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Queries;

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
