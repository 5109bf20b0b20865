using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests.Endpoints;

/// <summary>
/// <c>POST /api/v1/transactions</c> through HTTP: a batch is judged by the import's rules, stored whole or not at all,
/// and a batch sent again adds nothing. Each test pushes orders of its own ids into the class's one store (in EUR).
/// </summary>
public abstract class TransactionPushTests(AppFixture fixture)
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task A_batch_is_stored_and_answered_with_the_imports_counts()
    {
        using var client = await PushClientAsync(App, CltvRoles.Analyst);
        var prefix = NewPrefix();
        var requestsBefore = App.Scheduler.Requests;

        var response = await PushAsync(client, Order(prefix + "1", prefix + "ann", "2025-01-01T10:00:00+01:00", 12.5m), Order(prefix + "2", prefix + "bob", "2025-01-02T09:30:00Z", 40m));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = await AnswerAsync(response);
        answer.GetProperty("received").GetInt32().Should().Be(2);
        answer.GetProperty("imported").GetInt64().Should().Be(2);
        answer.GetProperty("duplicates").GetInt64().Should().Be(0);
        answer.GetProperty("rejected").GetInt64().Should().Be(0);
        answer.GetProperty("errors").GetArrayLength().Should().Be(0);
        await using var context = App.CreateContext();
        var stored = await context.Transactions.AsNoTracking().Where(t => t.OrderReference!.StartsWith(prefix)).OrderBy(t => t.OrderReference).ToListAsync();
        stored.Select(t => t.Amount).Should().Equal(12.5m, 40m);
        stored[0].OccurredAtUtc.Should().Be(new DateTime(2025, 1, 1, 9, 0, 0, DateTimeKind.Utc), "the offset is honoured");
        App.Scheduler.Requests.Should().Be(requestsBefore + 1, "a batch that stored something asks for a recalculation");
    }

    [Fact]
    public async Task The_contact_fields_are_stored_on_the_customer_normalised_and_a_later_value_wins()
    {
        using var client = await PushClientAsync(App, CltvRoles.Analyst);
        var prefix = NewPrefix();

        (await PushAsync(client, new
        {
            orderId = prefix + "1", customerId = prefix + "ann", occurredAt = "2025-03-01T10:00:00+01:00", amount = 10m, currency = "EUR",
            email = "  Ann.Example@Example.COM ", name = " Ann Example ",
        })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PushAsync(client, new { orderId = prefix + "2", customerId = prefix + "ann", occurredAt = "2025-03-05T10:00:00+01:00", amount = 15m, currency = "EUR", name = "Ann Newname" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        await using var context = App.CreateContext();
        var customer = await context.Customers.AsNoTracking().SingleAsync(c => c.ExternalId == prefix + "ann");
        customer.Email.Should().Be("ann.example@example.com", "an order without an e-mail leaves the stored one");
        customer.Name.Should().Be("Ann Newname", "the later non-empty name wins");
    }

    [Fact]
    public async Task The_same_batch_sent_again_adds_nothing_and_counts_its_orders_as_duplicates()
    {
        using var client = await PushClientAsync(App, CltvRoles.Admin);
        var prefix = NewPrefix();
        object[] batch = [Order(prefix + "1", prefix + "c", "2025-02-01T10:00:00+01:00", 10m), Order(prefix + "2", prefix + "c", "2025-02-03T10:00:00+01:00", 20m)];
        (await PushAsync(client, batch)).StatusCode.Should().Be(HttpStatusCode.OK);
        var requestsAfterFirst = App.Scheduler.Requests;

        var again = await PushAsync(client, batch);

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = await AnswerAsync(again);
        answer.GetProperty("received").GetInt32().Should().Be(2);
        answer.GetProperty("imported").GetInt64().Should().Be(0);
        answer.GetProperty("duplicates").GetInt64().Should().Be(2);
        await using var context = App.CreateContext();
        (await context.Transactions.CountAsync(t => t.OrderReference!.StartsWith(prefix))).Should().Be(2);
        App.Scheduler.Requests.Should().Be(requestsAfterFirst, "nothing changed, so nothing needs recalculating");
    }

    [Fact]
    public async Task An_order_id_stored_with_other_figures_is_rejected_while_its_refund_is_added()
    {
        using var client = await PushClientAsync(App, CltvRoles.Analyst);
        var prefix = NewPrefix();
        (await PushAsync(client, Order(prefix + "1", prefix + "h", "2025-06-01T10:00:00+01:00", 30m))).StatusCode.Should().Be(HttpStatusCode.OK);

        var changed = await PushAsync(client, Order(prefix + "2", prefix + "h", "2025-06-02T10:00:00+01:00", 5m), Order(prefix + "1", prefix + "h", "2025-06-01T10:00:00+01:00", 35m));
        var refunded = await PushAsync(client, new { orderId = prefix + "1", customerId = prefix + "h", occurredAt = "2025-06-01T10:00:00+01:00", amount = 30m, currency = "EUR", status = "refunded" });

        changed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var error = (await AnswerAsync(changed)).GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("index").GetInt32(), error.GetProperty("field").GetString()).Should().Be((1, "orderId"));
        refunded.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = await AnswerAsync(refunded);
        (answer.GetProperty("imported").GetInt64(), answer.GetProperty("duplicates").GetInt64()).Should().Be((1, 1), "the sale is the stored one, the refund is new");
        await using var context = App.CreateContext();
        var amounts = await context.Transactions.Where(t => t.OrderReference!.StartsWith(prefix)).OrderBy(t => t.OrderReference).Select(t => t.Amount).ToListAsync();
        amounts.Should().Equal(30m, -30m);
    }

    [Fact]
    public async Task A_batch_with_bad_orders_names_each_index_and_field_with_the_imports_message_and_stores_nothing()
    {
        using var client = await PushClientAsync(App, CltvRoles.Analyst);
        var prefix = NewPrefix();

        var response = await PushAsync(
            client,
            Order(prefix + "1", prefix + "d", "2025-03-01T10:00:00+01:00", 10m),
            Order(prefix + "2", prefix + "d", "2025-13-45", 10m),
            Order(prefix + "3", prefix + "d", "2025-03-02T10:00:00+01:00", 10m, currency: "USD"),
            Order("", prefix + "e", "2025-03-03T10:00:00+01:00", 5m));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var answer = await AnswerAsync(response);
        answer.GetProperty("received").GetInt32().Should().Be(4);
        answer.GetProperty("imported").GetInt64().Should().Be(0);
        answer.GetProperty("rejected").GetInt64().Should().Be(3);
        var errors = answer.GetProperty("errors").EnumerateArray()
            .Select(e => (Index: e.GetProperty("index").GetInt32(), Field: e.GetProperty("field").GetString(), Message: e.GetProperty("message").GetString()))
            .ToList();
        errors.Select(e => (e.Index, e.Field)).Should().Equal((1, "occurredAt"), (2, "currency"), (3, "orderId"));
        errors[0].Message.Should().Be(CsvImportMessage("2025-13-45", "10", null), "the push says what the CSV import says of the same value");
        errors[1].Message.Should().Be(CsvImportMessage("2025-03-02T10:00:00+01:00", "10", "USD"));
        await using var context = App.CreateContext();
        (await context.Transactions.AnyAsync(t => t.OrderReference!.StartsWith(prefix))).Should().BeFalse("the valid order of a refused batch is not stored either");
    }

    [Fact]
    public async Task An_owners_token_is_refused_with_403_and_no_token_with_401()
    {
        using var owner = await PushClientAsync(App, CltvRoles.Owner);
        using var anonymous = App.CreateAnonymousClient();
        var prefix = NewPrefix();
        var order = Order(prefix + "1", prefix + "f", "2025-04-01T10:00:00+01:00", 10m);

        (await PushAsync(owner, order)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await PushAsync(anonymous, order)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await using var context = App.CreateContext();
        (await context.Transactions.AnyAsync(t => t.OrderReference!.StartsWith(prefix))).Should().BeFalse();
    }

    [Fact]
    public async Task A_batch_beyond_the_batch_size_is_refused_whole_with_413()
    {
        using var client = await PushClientAsync(App, CltvRoles.Analyst);
        var prefix = NewPrefix();
        var orders = Enumerable.Range(0, 1001).Select(i => Order($"{prefix}{i}", prefix + "g", "2025-05-01T10:00:00+01:00", 1m)).ToArray();

        var response = await PushAsync(client, orders);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var error = (await AnswerAsync(response)).GetProperty("errors")[0];
        error.GetProperty("message").GetString().Should().Contain("at most 1,000");
        await using var context = App.CreateContext();
        (await context.Transactions.AnyAsync(t => t.OrderReference!.StartsWith(prefix))).Should().BeFalse();
    }

    [Fact]
    public async Task An_amount_that_is_not_a_number_and_an_address_that_is_not_one_are_named_by_index_and_field()
    {
        using var client = await PushClientAsync(App, CltvRoles.Analyst);
        var prefix = NewPrefix();
        var unreadable = $$"""{"orders":[{"orderId":"{{prefix}}1","customerId":"x","occurredAt":"2025-01-01","amount":1},{"orderId":"{{prefix}}2","customerId":"x","occurredAt":"2025-01-01","amount":"12,50"}]}""";
        var badEmail = new { orderId = prefix + "3", customerId = "y", email = "  Not An Address ", occurredAt = "2025-01-01T10:00:00Z", amount = 1m };

        var notANumber = await client.PostAsync("/api/v1/transactions", new StringContent(unreadable, Encoding.UTF8, "application/json"));
        var notAnAddress = await PushAsync(client, badEmail);

        notANumber.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var amountError = (await AnswerAsync(notANumber)).GetProperty("errors")[0];
        amountError.GetProperty("index").GetInt32().Should().Be(1);
        amountError.GetProperty("field").GetString().Should().Be("amount");
        notAnAddress.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var emailError = (await AnswerAsync(notAnAddress)).GetProperty("errors")[0];
        emailError.GetProperty("field").GetString().Should().Be("email");
        emailError.GetProperty("message").GetString().Should().NotContain("not an address", "personal data is not echoed back");
        await using var context = App.CreateContext();
        (await context.Transactions.AnyAsync(t => t.OrderReference!.StartsWith(prefix))).Should().BeFalse();
    }

    [Fact]
    public async Task A_line_break_in_a_value_is_named_by_index_and_field_and_a_batch_of_cancelled_orders_stores_nothing()
    {
        using var client = await PushClientAsync(App, CltvRoles.Analyst);
        var prefix = NewPrefix();
        var cancelled = new { orderId = prefix + "1", customerId = prefix + "i", occurredAt = "2025-07-01T10:00:00Z", amount = 9m, currency = "EUR", status = "cancelled" };

        var broken = await PushAsync(client, Order(prefix + "2", prefix + "i", "2025-07-01T10:00:00Z", 9m), Order(prefix + "3", prefix + "i\n2", "2025-07-01T10:00:00Z", 9m));
        var leftOut = await PushAsync(client, cancelled);

        broken.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var error = (await AnswerAsync(broken)).GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("index").GetInt32(), error.GetProperty("field").GetString()).Should().Be((1, "customerId"));
        leftOut.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = await AnswerAsync(leftOut);
        (answer.GetProperty("received").GetInt32(), answer.GetProperty("imported").GetInt64(), answer.GetProperty("rejected").GetInt64()).Should().Be((1, 0, 0));
        await using var context = App.CreateContext();
        (await context.Transactions.AnyAsync(t => t.OrderReference!.StartsWith(prefix))).Should().BeFalse();
    }

    [Fact]
    public async Task The_openapi_document_describes_the_push_with_its_schemas_and_an_example()
    {
        using var client = await PushClientAsync(App, CltvRoles.Owner);

        var document = await client.GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");

        var post = document.GetProperty("paths").GetProperty("/api/v1/transactions").GetProperty("post");
        var body = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        body.GetProperty("example").GetProperty("orders")[0].GetProperty("occurredAt").GetString().Should().Be("2025-01-01T10:00:00+01:00");
        body.GetProperty("schema").GetProperty("$ref").GetString().Should().EndWith("PushRequest");
        post.GetProperty("responses").GetProperty("422").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            .Should().EndWith("PushAnswer");
        var order = document.GetProperty("components").GetProperty("schemas").GetProperty("PushOrder").GetProperty("properties");
        order.EnumerateObject().Select(p => p.Name).Should().Contain(["orderId", "customerId", "email", "name", "occurredAt", "amount", "currency", "channel", "status"]);
    }

    /// <summary>A client with a new API token of a new user of <paramref name="role"/>.</summary>
    internal static async Task<HttpClient> PushClientAsync(CltvWebFactory app, string role)
    {
        var email = await app.CreateUserAsync(role);
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CltvUser>>().FindByEmailAsync(email);
        var created = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(user!.Id, null, "shop push", null);
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);
        return client;
    }

    internal static Task<HttpResponseMessage> PushAsync(HttpClient client, params object[] orders) =>
        client.PostAsJsonAsync("/api/v1/transactions", new { orders });

    internal static object Order(string orderId, string customerId, string occurredAt, decimal amount, string currency = "EUR") =>
        new { orderId, customerId, occurredAt, amount, currency, status = "paid" };

    internal static string NewPrefix() => "push-" + Guid.NewGuid().ToString("N")[..8] + "-";

    internal static async Task<JsonElement> AnswerAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    // What the CSV import reports for a row with these values in a file appended to the EUR dataset.
    private static string CsvImportMessage(string date, string amount, string? currency)
    {
        var file = $"customer,date,amount,currency\r\nc,2025-01-01,1,EUR\r\nc,{date},{amount},{currency}\r\n";
        var options = new ImportOptions
        {
            Now = DateTimeOffset.UtcNow,
            Currency = "EUR",
            DatasetCurrency = "EUR",
            Mapping = new ColumnMapping("customer", "date", "amount") { Currency = "currency" },
        };
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(file));
        return TransactionFileReader.Read(stream, options, _ => { }).Problems.Single().Message;
    }
}
