using System.Globalization;
using System.Net;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Endpoints;
using CltvDashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests;

/// <summary>A customer's history export on the CDNOW demo after one real run.</summary>
public abstract class CustomerHistoryExportTests(DemoApp demo)
{
    [Fact]
    public async Task Customer_history_export_lists_every_purchase_then_the_customer_in_each_run()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);
        await using var scope = demo.App.Services.CreateAsyncScope();
        var run = (await scope.ServiceProvider.GetRequiredService<RunContextQueries>().ContextAsync()).Current!;
        var customer = (await scope.ServiceProvider.GetRequiredService<CustomerListQueries>().CustomersAsync(run, null, new CustomerListRequest(Search: "10001"))).Items.Single(c => c.ExternalId == "10001");

        var response = await client.GetAsync("/exports/customers/history.csv?id=10001");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().Be($"cltv-customer-10001-history-run-{run.Id}-data-to-1998-06-30-in-USD.csv");
        var table = Csv.Parse(await response.Content.ReadAsStringAsync());
        table[0].Should().Equal(ExportEndpoints.CustomerHistoryColumns);
        var rows = table.Skip(1).Select(r => table[0].Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        rows.Select(r => (r["record"], r["date"], r["amount"])).Should().Equal(("purchase", "1997-02-06", "6.79"), ("purchase", "1997-10-09", "12.99"), ("run", "1998-06-30", ""));
        rows.Should().OnlyContain(r => r["customer_id"] == "10001");
        var state = rows[^1];
        state["run"].Should().Be(run.Id.ToString(CultureInfo.InvariantCulture));
        state["segment"].Should().Be(customer.Segment);
        double.Parse(state["p_alive"], CultureInfo.InvariantCulture).Should().BeApproximately(customer.ProbabilityAlive!.Value, 1e-6);
        decimal.Parse(state["predicted_clv"], CultureInfo.InvariantCulture).Should().BeApproximately(customer.PredictedClv!.Value, 0.0001m);
        (await client.GetAsync("/exports/customers/history.csv?id=010001")).StatusCode.Should().Be(HttpStatusCode.NotFound, "ids are compared exactly");
    }
}

/// <summary>On the SQLite default.</summary>
public sealed class SqliteCustomerHistoryExportTests(DemoApp demo) : CustomerHistoryExportTests(demo), IClassFixture<DemoApp>;

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresCustomerHistoryExportTests(PostgresDemoApp demo) : CustomerHistoryExportTests(demo), IClassFixture<PostgresDemoApp>;
