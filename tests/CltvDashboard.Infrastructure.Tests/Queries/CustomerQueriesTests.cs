using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Infrastructure.Queries;

namespace CltvDashboard.Infrastructure.Tests.Queries;

/// <summary>The customer page's reads over the CDNOW run.</summary>
public abstract class CustomerQueriesTests<TRun>(TRun cdnow) : IClassFixture<TRun>
    where TRun : CdnowRun
{
    [Fact]
    public async Task Customer_detail_has_purchases_and_the_run_history()
    {
        await using var context = cdnow.CreateContext();
        var queries = new CustomerQueries(context);
        var id = await CustomerIdAsync("10001");

        var detail = await queries.CustomerAsync(cdnow.RunId, id);

        detail!.ExternalId.Should().Be("10001");
        detail.Purchases.Select(p => p.Amount).Should().Equal(6.79m, 12.99m);
        detail.Current.Frequency.Should().Be(1);
        detail.History.Should().ContainSingle().Which.Segment.Should().Be(detail.Current.Segment);
        (await queries.CustomerAsync(cdnow.RunId, -1)).Should().BeNull();
        (await queries.PurchasesAsync(id).ToListAsync()).Select(p => p.Amount).Should().Equal(6.79m, 12.99m);
    }

    [Fact]
    public async Task Customer_is_found_by_their_own_id_exactly_and_not_by_the_stores_key()
    {
        await using var context = cdnow.CreateContext();
        var queries = new CustomerQueries(context);
        var key = await CustomerIdAsync("10001");
        var owner = context.Customers.Where(c => c.ExternalId == key.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(c => c.ExternalId).SingleOrDefault();

        var detail = await queries.CustomerAsync(cdnow.RunId, "10001");

        detail!.CustomerId.Should().Be(key);
        detail.ExternalId.Should().Be("10001");
        (await queries.CustomerAsync(cdnow.RunId, "010001")).Should().BeNull("a padded id is another id");
        (await queries.CustomerAsync(cdnow.RunId, "10001 ")).Should().BeNull("ids are compared exactly");
        (await queries.CustomerAsync(cdnow.RunId, "")).Should().BeNull();
        (await queries.CustomerAsync(cdnow.RunId, "10001" + new string(' ', 300))).Should().BeNull("no stored id is that long");
        var byKey = await queries.CustomerAsync(cdnow.RunId, key.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (byKey?.ExternalId).Should().Be(owner, "the store's key names the customer whose own id it is, if any");
    }

    [Fact]
    public async Task Customer_curve_runs_from_the_first_purchase_to_the_stored_p_alive_and_rises_at_each_repeat_purchase()
    {
        await using var context = cdnow.CreateContext();
        var id = await CustomerIdAsync("10001");

        var detail = (await new CustomerQueries(context).CustomerAsync(cdnow.RunId, id))!;
        var curve = detail.Curve!;

        (curve.Points[0].Day, curve.Points[0].Purchase).Should().Be((new DateOnly(1997, 2, 6), 6.79m));
        curve.Points.Should().OnlyContain(p => p.ProbabilityAlive > 0 && p.ProbabilityAlive <= 1);
        curve.Points[^1].Day.Should().Be(new DateOnly(1998, 6, 30));
        curve.Points[^1].ProbabilityAlive.Should().BeApproximately(detail.Current.ProbabilityAlive!.Value, 1e-9, "the last day is the run's own view");
        curve.Points.Select(p => p.Day).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        curve.Points.Where(p => p.Purchase is not null).Select(p => (p.Day, p.Purchase)).Should().Equal((new DateOnly(1997, 2, 6), 6.79m), (new DateOnly(1997, 10, 9), 12.99m));
        var repeat = curve.Points.ToList().FindIndex(p => p.Day == new DateOnly(1997, 10, 9));
        if (context.CalculationRuns.Single(r => r.Id == cdnow.RunId).ChosenModel == BgNbdParameters.ModelName)
        {
            // Under the BG/NBD a customer can leave only after a repeat purchase: until the first, P(alive) is 1.
            curve.Points.Take(repeat).Should().OnlyContain(p => p.ProbabilityAlive == 1);
        }
        else
        {
            curve.Points[repeat].ProbabilityAlive.Should().BeGreaterThan(curve.Points[repeat - 1].ProbabilityAlive);
        }

        curve.Points.Skip(repeat + 1).Select(p => p.ProbabilityAlive).Should().BeInDescendingOrder("without purchases the chance only falls");
    }

    private async Task<long> CustomerIdAsync(string externalId)
    {
        await using var context = cdnow.CreateContext();
        return context.Customers.Single(c => c.ExternalId == externalId).Id;
    }
}

/// <summary>On the SQLite default.</summary>
public sealed class SqliteCustomerQueriesTests(SqliteCdnowRun cdnow) : CustomerQueriesTests<SqliteCdnowRun>(cdnow);

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresCustomerQueriesTests(PostgresCdnowRun cdnow) : CustomerQueriesTests<PostgresCdnowRun>(cdnow);
