using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CltvDashboard.Web.Tests.Endpoints.TransactionPushTests;

namespace CltvDashboard.Web.Tests.Endpoints;

/// <summary>
/// Pushes that need a store of their own, on each provider: into the demo, with the real scheduler (no job server, so
/// a queued run stays queued and later requests join it), and beyond a token's rate.
/// </summary>
public abstract class TransactionPushStoreTests(DatabaseProvider provider)
{
    [Fact]
    public async Task A_push_into_a_store_holding_only_the_demo_is_refused_with_409_and_stores_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CltvWebFactory(database);
        _ = app.Server;
        await ImportDemoRowsAsync(app);
        using var client = await PushClientAsync(app, CltvRoles.Analyst);

        var response = await PushAsync(client, Order("o-1", "shop-customer", "2025-01-01T10:00:00+01:00", 10m));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await AnswerAsync(response)).GetProperty("errors")[0].GetProperty("message").GetString().Should().Be(OrderBatchImport.DemoOnlyMessage);
        await using var context = app.CreateContext();
        (await context.Transactions.AnyAsync(t => t.OrderReference == "o-1")).Should().BeFalse();
        (await context.Customers.AnyAsync(c => c.ExternalId == "shop-customer")).Should().BeFalse();
    }

    [Fact]
    public async Task Batches_pushed_in_quick_succession_join_one_queued_recalculation()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CltvWebFactory(database, new Dictionary<string, string> { ["Cltv:Role"] = "Web" }, realPipeline: true);
        using var client = await PushClientAsync(app, CltvRoles.Analyst);

        for (var i = 0; i < 3; i++)
        {
            (await PushAsync(client, Order($"q-{i}", "c", $"2025-01-0{i + 1}T10:00:00+01:00", 10m))).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await using var context = app.CreateContext();
        var runs = await context.CalculationRuns.AsNoTracking().ToListAsync();
        runs.Should().ContainSingle("three batches while a run waits to start make one run");
        runs[0].Status.Should().Be(CalculationRunStatus.Queued);
        runs[0].Trigger.Should().Be(CalculationTrigger.Import);
        (await context.Transactions.CountAsync()).Should().Be(3);
    }

    [Fact]
    public async Task Batches_beyond_a_tokens_rate_get_429_with_retry_after_while_another_token_goes_on()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CltvWebFactory(database, new Dictionary<string, string> { ["Cltv:PushBatchesPerMinute"] = "2" });
        using var busy = await PushClientAsync(app, CltvRoles.Analyst);
        using var other = await PushClientAsync(app, CltvRoles.Analyst);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 3; i++)
        {
            var response = await PushAsync(busy, Order($"r-{i}", "c", "2025-01-01T10:00:00+01:00", 10m + i));
            statuses.Add(response.StatusCode);
            refused = response;
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        refused!.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        (await PushAsync(other, Order("r-other", "c", "2025-01-01T10:00:00+01:00", 99m))).StatusCode.Should().Be(HttpStatusCode.OK, "each token has its own limit");
        await using var context = app.CreateContext();
        (await context.Transactions.AnyAsync(t => t.OrderReference == "r-2")).Should().BeFalse("the refused batch was not read");
    }

    [Fact]
    public async Task A_body_larger_than_a_full_batch_can_be_is_refused_with_413_before_it_is_read_whole()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CltvWebFactory(database, new Dictionary<string, string> { ["Cltv:PushMaxOrders"] = "1" });
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var inMemory = await PushClientAsync(app, CltvRoles.Analyst);
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = inMemory.DefaultRequestHeaders.Authorization;
        // One order, padded with whitespace to 64 KB: more than two of the largest orders take.
        var body = "{\"orders\":[" + new string(' ', 64 * 1024) + "{\"orderId\":\"b-1\",\"customerId\":\"c\",\"occurredAt\":\"2025-01-01\",\"amount\":1}]}";

        var response = await client.PostAsync("/api/v1/transactions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await AnswerAsync(response)).GetProperty("errors")[0].GetProperty("message").GetString().Should().Contain("larger than a batch of 1 orders");
        await using var context = app.CreateContext();
        (await context.Transactions.AnyAsync()).Should().BeFalse();
    }

    // A few rows imported as the demo is, marked as the demo dataset.
    private static async Task ImportDemoRowsAsync(CltvWebFactory app)
    {
        var file = "customer_id,date,amount\r\n1,1997-01-01,10\r\n2,1997-01-02,20\r\n"u8.ToArray();
        using var stream = new MemoryStream(file);
        var options = new ImportOptions { Now = DateTimeOffset.UtcNow, Currency = "USD" };
        await new TransactionImporter(app.Database).ImportAsync(stream, new ImportRequest("cdnow.csv", options) { Kind = DatasetKind.Demo });
    }
}
