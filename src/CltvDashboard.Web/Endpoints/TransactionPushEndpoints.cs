using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Web.Configuration;
using CltvDashboard.Web.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Endpoints;

/// <summary>
/// <c>POST /api/v1/transactions</c>: a store's integration pushes a batch of orders with an API token of an Analyst or
/// above. The batch is judged by the import's rules (<see cref="OrderBatchImport"/>) and stored all or nothing; an
/// order already stored is counted as a duplicate, so a retried batch adds nothing. A batch that stored something asks
/// for a recalculation, which joins the one already queued, so that a burst of batches leads to one run.
/// </summary>
public static partial class TransactionPushEndpoints
{
    /// <summary>The rate-limiting policy of pushes, per API token (per user for a session).</summary>
    public const string RateLimitPolicy = "push";

    private const string Path = "/api/v1/transactions";

    // Nine fields of at most 256 characters, each escaped as \uXXXX at worst, with their names: about 14 KB.
    private const int MaxOrderBytes = 16 * 1024;

    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web);

    /// <summary>Maps <c>POST /api/v1/transactions</c>.</summary>
    /// <param name="app">The endpoint builder.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IEndpointRouteBuilder MapTransactionPush(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, PushAsync)
            .RequireApiResource(AppResources.Imports)
            .RequireRateLimiting(RateLimitPolicy)
            .WithTags("Imports")
            .WithName("PushTransactions")
            .WithSummary("Store a batch of orders, all or nothing, and request a recalculation.")
            .WithDescription(
                "For an API token (or session) of an Analyst or Admin. Each order is judged by the rules and messages of the CSV import (dates, amounts, "
                + "the dataset's one currency, statuses such as refunded or cancelled, limits); any rejected order answers 422 with each error's index and "
                + "field, and nothing of the batch is stored. An order the store already holds (same order id, customer, time, amount, currency and channel) "
                + "is counted under duplicates, so a retried batch adds nothing; an order id stored with other figures is rejected (a push does not change a stored "
                + "order; its refund, status refunded, is added). imported and duplicates count transactions (a refunded order is a sale and a "
                + "refund); orders left out by their status (cancelled, unpaid, test) are in received only. Refused with 409 while the store holds only the "
                + "demo data, with 413 beyond the configured batch size (PushMaxOrders, 1,000 by default), with 429 and Retry-After beyond the token's "
                + "batches per minute (PushBatchesPerMinute). email and name are checked and normalised (trimmed, e-mail in lower case).")
            .Accepts<PushRequest>("application/json")
            .Produces<PushAnswer>(StatusCodes.Status200OK)
            .Produces<PushAnswer>(StatusCodes.Status400BadRequest)
            .Produces<PushAnswer>(StatusCodes.Status409Conflict)
            .Produces<PushAnswer>(StatusCodes.Status413PayloadTooLarge)
            .Produces<PushAnswer>(StatusCodes.Status422UnprocessableEntity)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces(StatusCodes.Status429TooManyRequests)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.RequestBody?.Content?.TryGetValue("application/json", out var request) == true)
                {
                    request.Example = JsonNode.Parse(RequestExample);
                }

                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var answer) == true)
                {
                    answer.Example = JsonNode.Parse(AnswerExample);
                }

                if (operation.Responses?.TryGetValue("422", out var invalid) == true && invalid.Content?.TryGetValue("application/json", out var errors) == true)
                {
                    errors.Example = JsonNode.Parse(InvalidExample);
                }

                return Task.CompletedTask;
            });
        return app;
    }

    /// <summary>The request's example in the OpenAPI document.</summary>
    public const string RequestExample = """
        {"orders":[{"orderId":"1001","customerId":"C-17","email":"ann@example.com","name":"Ann Lee","occurredAt":"2025-01-01T10:00:00+01:00","amount":12.5,"currency":"EUR","channel":"web","status":"paid"}]}
        """;

    private const string AnswerExample = """
        {"received":1,"imported":1,"duplicates":0,"rejected":0,"errors":[]}
        """;

    private const string InvalidExample = """
        {"received":2,"imported":0,"duplicates":0,"rejected":1,"errors":[{"index":1,"field":"occurredAt","message":"'2025-13-01' is not a date"}]}
        """;

    private static async Task<IResult> PushAsync(
        HttpContext http, OrderBatchImport batches, IRecalculationScheduler scheduler, IOptions<CltvWebOptions> options, CancellationToken cancellationToken)
    {
        var limit = options.Value.PushMaxOrders;
        // The server takes uploads of hundreds of megabytes; a batch is read whole into memory, so it gets a limit of its
        // own: the batch size times the largest order.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = (limit + 1L) * MaxOrderBytes;
        }

        PushRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<PushRequest>(http.Request.Body, RequestJson, cancellationToken);
        }
        catch (JsonException e)
        {
            return Answer(StatusCodes.Status400BadRequest, 0, [Unreadable(e)]);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Answer(StatusCodes.Status413PayloadTooLarge, 0, [new PushedOrderError(null, "orders", $"the body is larger than a batch of {limit:N0} orders can be: send it in smaller batches")]);
        }

        if (request?.Orders is not { } orders)
        {
            return Answer(StatusCodes.Status400BadRequest, 0, [new PushedOrderError(null, "orders", "the body must be a JSON object with an orders array")]);
        }

        if (orders.Count > limit)
        {
            return Answer(
                StatusCodes.Status413PayloadTooLarge,
                orders.Count,
                [new PushedOrderError(null, "orders", $"the batch holds {orders.Count:N0} orders; at most {limit:N0} are taken at once: send it in smaller batches")]);
        }

        var contactErrors = ContactErrors(orders);
        var source = http.User.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim)?.Value is { } tokenId ? $"api-token-{tokenId}" : "api-session";
        var result = await batches.ImportAsync(orders.Select(o => o?.ToOrder()).ToArray()!, source, http.User.Identity?.Name, contactErrors, cancellationToken);
        switch (result.Outcome)
        {
            case PushOutcome.DemoOnly:
                return Answer(StatusCodes.Status409Conflict, orders.Count, result.Errors);
            case PushOutcome.Invalid:
                return Answer(StatusCodes.Status422UnprocessableEntity, orders.Count, result.Errors);
        }

        if (result.Imported > 0)
        {
            await scheduler.RequestAsync(CalculationTrigger.Import, cancellationToken);
        }

        return TypedResults.Ok(new PushAnswer(result.Received, result.Imported, result.Duplicates, 0, []));
    }

    private static JsonHttpResult<PushAnswer> Answer(int status, int received, IReadOnlyList<PushedOrderError> errors) =>
        TypedResults.Json(
            new PushAnswer(received, 0, 0, errors.Where(e => e.Index is not null).Select(e => e.Index).Distinct().Count(), errors.Select(PushError.Of).ToArray()),
            statusCode: status);

    // The parser's path ($.orders[3].amount) says which order and field could not be read.
    private static PushedOrderError Unreadable(JsonException e)
    {
        var message = "the body is not valid JSON of the expected shape" + (e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : string.Empty);
        if (e.Path is { } path && OrderPath().Match(path) is { Success: true } match)
        {
            var field = match.Groups["field"].Value;
            return new PushedOrderError(
                int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture),
                field,
                field == OrderBatchImport.Fields.Amount ? "the amount must be a JSON number such as 12.5" : $"{field} must be a JSON string");
        }

        return new PushedOrderError(null, string.Empty, message);
    }

    private static List<PushedOrderError> ContactErrors(IReadOnlyList<PushOrder?> orders)
    {
        var errors = new List<PushedOrderError>();
        for (var i = 0; i < orders.Count; i++)
        {
            if (orders[i] is { } order)
            {
                errors.AddRange(order.NormaliseContact(i));
            }
        }

        return errors;
    }

    [GeneratedRegex(@"^\$\.orders\[(?<index>\d+)\]\.(?<field>[A-Za-z]+)")]
    private static partial Regex OrderPath();
}

/// <summary>A batch of orders to store.</summary>
/// <param name="Orders">The orders, at most the configured batch size (1,000 by default).</param>
public sealed record PushRequest(IReadOnlyList<PushOrder?>? Orders);

/// <summary>One order of a pushed batch. orderId, customerId, occurredAt and amount are required.</summary>
public sealed record PushOrder
{
    // As long as the store keeps an identifier and a name.
    private const int MaxEmailLength = ImportLimits.MaxIdentifierLength;
    private const int MaxNameLength = 128;

    /// <summary>The order's id in the store; an order sent again is recognised by it.</summary>
    public string? OrderId { get; init; }

    /// <summary>The customer's id in the store.</summary>
    public string? CustomerId { get; init; }

    /// <summary>The customer's e-mail address, if known; trimmed and lower-cased.</summary>
    public string? Email { get; set; }

    /// <summary>The customer's name, if known; trimmed.</summary>
    public string? Name { get; set; }

    /// <summary>When the order was placed, ISO 8601 with its offset (2025-01-01T10:00:00+01:00); without one, on the business's clock.</summary>
    public string? OccurredAt { get; init; }

    /// <summary>What the customer paid, taxes and shipping included; negative for a refund.</summary>
    public decimal? Amount { get; init; }

    /// <summary>The ISO 4217 code; without it, the dataset's (or the currency setting's on an empty store).</summary>
    public string? Currency { get; init; }

    /// <summary>The sales channel or source.</summary>
    public string? Channel { get; init; }

    /// <summary>paid (or none) for a sale; refunded, cancelled, pending, test, ... as in the import's rules.</summary>
    public string? Status { get; init; }

    internal PushedOrder ToOrder() => new(OrderId, CustomerId, OccurredAt, Amount, Currency, Channel, Status) { Email = Email, Name = Name };

    // The contact fields are the customer's personal data: kept only when they are what they claim to be, the
    // address in lower case so that one person is one address; never echoed back in a message.
    internal IEnumerable<PushedOrderError> NormaliseContact(int index)
    {
        Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim().ToLowerInvariant();
        Name = string.IsNullOrWhiteSpace(Name) ? null : Name.Trim();
        if (Email is not null && (Email.Length > MaxEmailLength || !MailAddress.TryCreate(Email, out var address) || address.Address != Email))
        {
            yield return new PushedOrderError(index, "email", $"the e-mail address is not one address of at most {MaxEmailLength} characters (name@example.com)");
        }

        if (Name is not null && (Name.Length > MaxNameLength || Name.Any(char.IsControl)))
        {
            yield return new PushedOrderError(index, "name", $"the name must be at most {MaxNameLength} characters, without line breaks or other control characters");
        }
    }
}

/// <summary>What became of a pushed batch.</summary>
/// <param name="Received">Orders in the batch.</param>
/// <param name="Imported">Transactions stored (a refunded order is a sale and a refund); 0 unless the batch was stored.</param>
/// <param name="Duplicates">Transactions the store already held or the batch repeated, skipped.</param>
/// <param name="Rejected">Orders rejected; when there is any, nothing of the batch is stored.</param>
/// <param name="Errors">Each problem with the order's 0-based index and field; index null when the batch as a whole is at fault.</param>
public sealed record PushAnswer(int Received, long Imported, long Duplicates, long Rejected, IReadOnlyList<PushError> Errors);

/// <summary>A problem with a pushed batch.</summary>
/// <param name="Index">The order's 0-based position in the batch; null when the batch as a whole is at fault.</param>
/// <param name="Field">The field at fault (occurredAt, amount, ...); empty when the whole order or batch is.</param>
/// <param name="Message">What is wrong, in the words of the import report.</param>
public sealed record PushError(int? Index, string Field, string Message)
{
    internal static PushError Of(PushedOrderError error) => new(error.Index, error.Field, error.Message);
}
