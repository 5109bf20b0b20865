using System.Net;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Web.Imports;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests.Imports;

/// <summary>
/// What the review settles before an import is queued (columns, date order, decimal separator), and a failed import
/// tried again from its kept file with the choices it was made with.
/// </summary>
public abstract class ReviewChecksAndRetryTests(AppFixture fixture)
{
    private CltvWebFactory App => fixture.App;

    private UploadStore Uploads => App.Services.GetRequiredService<UploadStore>();

    // Replace: each test's file is a dataset of its own, whatever currency an earlier test of the class left.
    private static Dictionary<string, string> Form(string currency = "EUR", string dateOrder = "Unspecified", string separator = "Auto") => new()
    {
        ["Input.UseDetected"] = "true",
        ["Input.Currency"] = currency,
        ["Input.Mode"] = "Replace",
        ["Input.DateOrder"] = dateOrder,
        ["Input.DecimalSeparator"] = separator,
    };

    [Fact]
    public async Task A_date_order_the_file_contradicts_is_refused_on_the_review_with_its_line_and_nothing_is_queued()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);
        var lines = Enumerable.Range(1, 40).Select(i => $"dates-{i},{1 + (i % 12):00}/{1 + (i % 12):00}/2024,10.00");
        var review = await ImportTests.UploadAsync(client, "orders.csv", "customer_id,date,amount\n" + string.Join('\n', lines) + "\ndates-x,04/13/2024,5.00\n");
        var uploadId = Guid.Parse(review.Split('/').Last());

        var refused = await CltvWebFactory.PostFormAsync(client, review, Form(dateOrder: "DayFirst"), review + "?handler=Import");

        refused.StatusCode.Should().Be(HttpStatusCode.OK, "the review page stays, saying why");
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        page.Should().Contain("Not imported yet").And.Contain("Column 'date', line 42: dates are set to be read day-first, but '04/13/2024' can only be month-first");
        (await Uploads.FindAsync(uploadId, CancellationToken.None))!.Queued.Should().BeFalse();
        (await client.GetAsync($"/api/imports/{uploadId}/status")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was queued");

        var accepted = await CltvWebFactory.PostFormAsync(client, review, Form(dateOrder: "MonthFirst"), review + "?handler=Import");
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ImportPolling.WaitForImportAsync(client, uploadId.ToString())).GetProperty("state").GetString().Should().Be("Succeeded");
    }

    [Fact]
    public async Task Amounts_the_chosen_separator_cannot_read_and_a_column_chosen_twice_are_refused_on_the_review()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);
        var review = await ImportTests.UploadAsync(client, "euro.csv", "customer_id,date,amount\nsep-1,2024-01-05,\"12,50\"\nsep-2,2024-01-06,\"7,25\"\n");

        var separator = await CltvWebFactory.PostFormAsync(client, review, Form(separator: "Point"), review + "?handler=Import");
        var mapped = await CltvWebFactory.PostFormAsync(
            client, review,
            new()
            {
                ["Input.UseDetected"] = "false", ["Input.Customer"] = "customer_id", ["Input.Date"] = "date", ["Input.Amount"] = "amount",
                ["Input.Channel"] = "customer_id", ["Input.Currency"] = "EUR",
            },
            review + "?handler=Import");
        var unmapped = await CltvWebFactory.PostFormAsync(
            client, review, new() { ["Input.UseDetected"] = "false", ["Input.Customer"] = "customer_id", ["Input.Currency"] = "EUR" }, review + "?handler=Import");

        WebUtility.HtmlDecode(await separator.Content.ReadAsStringAsync()).Should()
            .Contain("Column 'amount', line 2: the amount '12,50' cannot be read with the decimal separator set to Point (1,234.50), but can with Comma (1.234,50) (2 lines like it)");
        WebUtility.HtmlDecode(await mapped.Content.ReadAsStringAsync()).Should()
            .Contain("Column 'customer_id' is chosen for the customer and the channel: choose one column for each.");
        WebUtility.HtmlDecode(await unmapped.Content.ReadAsStringAsync()).Should().Contain("Choose the column of the date and the amount");
        (await Uploads.FindAsync(Guid.Parse(review.Split('/').Last()), CancellationToken.None))!.Queued.Should().BeFalse();
    }

    [Fact]
    public async Task A_failed_import_is_retried_from_the_kept_file_with_its_choices_and_without_uploading_it_again()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);
        await ClearDefaultCurrencyAsync();
        var review = await ImportTests.UploadAsync(client, "retry.csv", "customer_id,date,amount\nretry-1,03/02/2024,10.00\nretry-2,25/02/2024,12.50\n");
        var uploadId = review.Split('/').Last();
        await QueueWithoutCurrencyAsync(Guid.Parse(uploadId));

        var failed = await ImportPolling.WaitForImportAsync(client, uploadId);

        failed.GetProperty("state").GetString().Should().Be("Failed");
        failed.GetProperty("canRetry").GetBoolean().Should().BeTrue();
        var kept = await Uploads.FindAsync(Guid.Parse(uploadId), CancellationToken.None);
        kept.Should().NotBeNull("a failed import keeps its file");
        kept!.Queued.Should().BeFalse();
        kept.FailureMessage.Should().Contain("currency");
        (await client.GetStringAsync($"/Imports/Progress/{uploadId}")).Should().Contain($"href=\"/Upload/Review/{uploadId}\"").And.Contain("Change the settings and try again");

        await using (var context = App.CreateContext())
        {
            var batch = await context.ImportBatches.AsNoTracking().SingleAsync(b => b.UploadId == Guid.Parse(uploadId));
            batch.Status.Should().Be(ImportStatus.Failed);
            var report = await client.GetStringAsync($"/Imports/Details/{batch.Id}");
            report.Should().Contain($"href=\"/Upload/Review/{uploadId}\"").And.Contain("Change the settings and try again");
        }

        var again = WebUtility.HtmlDecode(await client.GetStringAsync(review));
        again.Should().Contain("The import of this file failed:").And.Contain("The file is kept");
        again.Should().MatchRegex("<option selected=\"selected\" value=\"1\">|<option value=\"1\" selected=\"selected\">", "day-first, as chosen before, is filled in");

        var retried = await CltvWebFactory.PostFormAsync(client, review, Form(currency: "EUR", dateOrder: "DayFirst"), review + "?handler=Import");
        retried.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var status = await ImportPolling.WaitForImportAsync(client, uploadId);

        status.GetProperty("state").GetString().Should().Be("Succeeded", status.ToString());
        (await Uploads.FindAsync(Guid.Parse(uploadId), CancellationToken.None)).Should().BeNull("a successful retry removes the kept file");
        await using (var context = App.CreateContext())
        {
            var batches = await context.ImportBatches.AsNoTracking().Where(b => b.UploadId == Guid.Parse(uploadId)).OrderBy(b => b.Id).ToListAsync();
            batches.Should().HaveCount(2);
            batches[0].Status.Should().Be(ImportStatus.Failed, "the failure stays on record with its reason");
            batches[0].FailureMessage.Should().Contain("currency");
            batches[0].RedoneByBatchId.Should().Be(batches[1].Id);
            batches[1].Status.Should().Be(ImportStatus.Succeeded);
            batches[1].RowsImported.Should().Be(2);
            (await context.Transactions.CountAsync(t => t.Customer!.ExternalId == "retry-1" && t.OccurredAtUtc.Month == 2)).Should().Be(1, "03/02/2024 read day-first as chosen");
            var report = await client.GetStringAsync($"/Imports/Details/{batches[0].Id}");
            report.Should().NotContain("Change the settings and try again").And.Contain($"import #{batches[1].Id}");
        }
    }

    [Fact]
    public async Task A_country_column_is_not_mapped_as_the_channel_the_review_asks_and_a_chosen_country_is_used()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);
        const string File = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country,Currency\n"
            + "736365,85123A,HEART,6,12/1/2010 8:26,2.55,country-1,United Kingdom,GBP\n"
            + "736365,71053,LANTERN,6,12/1/2010 8:26,3.39,country-1,United Kingdom,GBP\n"
            + "736366,71053,LANTERN,1,12/2/2010 8:26,3.39,country-2,France,GBP\n";
        var review = await ImportTests.UploadAsync(client, "retail.csv", File);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(review));

        page.Should().Contain("No acquisition channel is chosen. The file's 'Country' column could be used as one");
        page.Should().NotMatchRegex("<option value=\"Country\" selected|<option selected=\"selected\" value=\"Country\"", "a country is not auto-mapped as the channel");
        var form = Form(currency: "GBP", dateOrder: "MonthFirst");
        form["Input.Channel"] = "Country";
        await CltvWebFactory.PostFormAsync(client, review, form, review + "?handler=Import");
        (await ImportPolling.WaitForImportAsync(client, review.Split('/').Last())).GetProperty("state").GetString().Should().Be("Succeeded");
        await using var context = App.CreateContext();
        var customers = await context.Customers.AsNoTracking().Where(c => c.ExternalId.StartsWith("country-")).OrderBy(c => c.ExternalId).ToListAsync();
        customers.Select(c => c.AcquisitionChannel).Should().Equal("United Kingdom", "France");
        (await context.Transactions.Where(t => t.Customer!.ExternalId == "country-1").SumAsync(t => t.Amount)).Should().Be(35.64m, "the line items are still summed");
    }

    private async Task ClearDefaultCurrencyAsync()
    {
        await using var context = App.CreateContext();
        await context.BusinessSettings.ExecuteUpdateAsync(s => s.SetProperty(b => b.CurrencyCode, (string?)null));
    }

    /// <summary>
    /// Queues the upload day-first, replacing the data, with no currency for rows that name none: the review refuses
    /// that, so it is queued as an import queued before the store changed would be; the queue then fails it.
    /// </summary>
    private async Task QueueWithoutCurrencyAsync(Guid uploadId)
    {
        var pending = (await Uploads.FindAsync(uploadId, CancellationToken.None))! with
        {
            Queued = true, DateOrder = DateOrder.DayFirst, Currency = null, Mode = ImportMode.Replace,
        };
        await Uploads.WriteAsync(pending, CancellationToken.None);
        App.Services.GetRequiredService<ImportBacklog>().Enqueue(pending);
    }
}

public sealed class SqliteReviewChecksAndRetryTests(SqliteApp fixture) : ReviewChecksAndRetryTests(fixture), IClassFixture<SqliteApp>;

public sealed class PostgresReviewChecksAndRetryTests(PostgresApp fixture) : ReviewChecksAndRetryTests(fixture), IClassFixture<PostgresApp>;
