using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

/// <summary>The read-only JSON API on the CDNOW demo: shapes, paging, authorisation and its OpenAPI document.</summary>
public abstract class ApiTests(DemoApp demo)
{
    private static readonly string[] Endpoints = ["/api/v1/runs", "/api/v1/kpis", "/api/v1/segments/rfm", "/api/v1/customers", "/api/v1/cohorts", "/api/v1/openapi.json"];

    [Fact]
    public async Task Anonymous_callers_get_401_not_a_sign_in_page()
    {
        using var client = demo.AnonymousClient();

        foreach (var endpoint in Endpoints)
        {
            (await client.GetAsync(endpoint)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, endpoint);
        }
    }

    [Fact]
    public async Task Analysts_read_every_endpoint_and_owners_every_one_but_the_cohorts_like_their_pages()
    {
        using var analyst = await demo.SignedInClientAsync(CltvRoles.Analyst);
        using var owner = await demo.SignedInClientAsync(CltvRoles.Owner);

        foreach (var endpoint in Endpoints)
        {
            var response = await analyst.GetAsync(endpoint);
            response.StatusCode.Should().Be(HttpStatusCode.OK, endpoint);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/json", endpoint);
            (await owner.GetAsync(endpoint)).StatusCode.Should().Be(endpoint == "/api/v1/cohorts" ? HttpStatusCode.Forbidden : HttpStatusCode.OK, endpoint);
        }
    }

    private static readonly HashSet<string> MoneyProperties =
    [
        "averageOrderValue", "historicalRevenue", "predictedRevenue", "totalClv", "meanClv", "medianClv", "ruleOfThumbClv", "acquisitionCost",
        "totalRevenue", "predictedClv", "revenue", "cumulativeRevenue", "cumulativeRevenuePerCustomer",
    ];

    [Fact]
    public async Task Api_numbers_are_money_in_cents_and_probabilities_and_ratios_in_four_decimals()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Analyst);
        var numbers = new List<(string Property, string Text)>();
        foreach (var endpoint in Endpoints.Where(e => !e.EndsWith(".json", StringComparison.Ordinal)).Append("/api/v1/segments/value-tier"))
        {
            Collect(await client.GetFromJsonAsync<JsonElement>(endpoint + (endpoint.EndsWith("customers", StringComparison.Ordinal) ? "?pageSize=500" : "")), "", numbers);
        }

        numbers.Where(n => MoneyProperties.Contains(n.Property)).Should().NotBeEmpty().And.OnlyContain(n => Decimals(n.Text) <= 2, "money is in cents");
        numbers.Should().OnlyContain(n => Decimals(n.Text) <= 4, "nothing is written with more than 4 decimals");
        numbers.Where(n => n.Property is "probabilityAlive" or "repeatRate" or "customerShare" or "retention")
            .Should().Contain(n => Decimals(n.Text) > 2, "probabilities and ratios keep 4 decimals, not cents");
    }

    private static int Decimals(string text) => text.Contains('.', StringComparison.Ordinal) ? text.Split('.')[1].TrimEnd('0').Length : 0;

    private static void Collect(JsonElement element, string property, List<(string, string)> numbers)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var child in element.EnumerateObject())
                {
                    Collect(child.Value, child.Name, numbers);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, property, numbers);
                }

                break;
            case JsonValueKind.Number:
                numbers.Add((property, element.GetRawText()));
                break;
        }
    }

    [Fact]
    public async Task Runs_and_kpis_describe_the_current_run()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

        var runs = await client.GetFromJsonAsync<JsonElement>("/api/v1/runs");
        var kpis = await client.GetFromJsonAsync<JsonElement>("/api/v1/kpis");

        var run = runs.EnumerateArray().Single();
        run.GetProperty("id").GetInt64().Should().Be(demo.RunId);
        run.GetProperty("status").GetString().Should().Be("Succeeded");
        run.GetProperty("isCurrent").GetBoolean().Should().BeTrue();
        run.GetProperty("observationEnd").GetString().Should().Be("1998-06-30");
        kpis.GetProperty("runId").GetInt64().Should().Be(demo.RunId);
        kpis.GetProperty("currency").GetString().Should().Be("USD");
        kpis.GetProperty("current").GetProperty("customers").GetInt32().Should().Be(23_570);
        kpis.GetProperty("current").GetProperty("historicalRevenue").GetDecimal().Should().Be(2_500_315.63m);
        kpis.GetProperty("previous").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Segments_list_each_segmentation_and_refuse_unknown_ones()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

        var rfm = await client.GetFromJsonAsync<JsonElement>("/api/v1/segments/rfm");
        var tiers = await client.GetFromJsonAsync<JsonElement>("/api/v1/segments/value-tier");

        var champions = rfm.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("segment").GetString() == "Champions");
        champions.GetProperty("customers").GetInt32().Should().Be(7_936);
        champions.GetProperty("customerShare").GetDouble().Should().BeApproximately(0.3367, 0.0001);
        champions.TryGetProperty("meanClv", out _).Should().BeTrue();
        tiers.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("segment").GetString()).Should().BeEquivalentTo(["Top", "Middle", "Low"]);
        (await client.GetAsync("/api/v1/segments/nonsense")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Customers_page_through_every_customer_and_validate_the_page_size()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers?pageSize=50");
        var last = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers?pageSize=50&page=472");
        var champions = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers?preset=Champions&pageSize=1");
        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=10001");

        first.GetProperty("totalCount").GetInt32().Should().Be(23_570);
        first.GetProperty("pageCount").GetInt32().Should().Be(472);
        first.GetProperty("items").GetArrayLength().Should().Be(50);
        first.GetProperty("items")[0].GetProperty("externalId").GetString().Should().Be("7592");
        last.GetProperty("items").GetArrayLength().Should().Be(23_570 - (471 * 50));
        champions.GetProperty("totalCount").GetInt32().Should().Be(7_936);
        var customer = found.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("externalId").GetString() == "10001");
        customer.GetProperty("totalRevenue").GetDecimal().Should().Be(19.78m);
        customer.GetProperty("lastPurchase").GetString().Should().Be("1997-10-09");
        (await client.GetAsync("/api/v1/customers?pageSize=10000")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/v1/customers?page=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Cohorts_return_every_cell_of_the_three_cdnow_cohorts()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Analyst);

        var cohorts = await client.GetFromJsonAsync<JsonElement>("/api/v1/cohorts");

        var cells = cohorts.GetProperty("items").EnumerateArray().ToList();
        cells.Select(c => c.GetProperty("acquisitionMonth").GetString()).Distinct().Should().Equal("1997-01-01", "1997-02-01", "1997-03-01");
        cells.First().GetProperty("retention").GetDouble().Should().Be(1, "everybody buys in their first month");
    }

    [Fact]
    public async Task Openapi_document_describes_every_endpoint()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Owner);

        var document = await client.GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");

        document.GetProperty("openapi").GetString().Should().StartWith("3.");
        document.GetProperty("paths").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo(["/api/v1/runs", "/api/v1/kpis", "/api/v1/segments/{segmentation}", "/api/v1/customers", "/api/v1/cohorts", "/api/v1/transactions", "/api/v1/audiences"]);
        document.GetProperty("components").GetProperty("schemas").TryGetProperty("CustomerRow", out _).Should().BeTrue();
    }
}
