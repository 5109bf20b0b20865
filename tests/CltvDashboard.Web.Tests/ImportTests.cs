using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Configuration;
using CltvDashboard.Web.Imports;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Tests;

public abstract class ImportTests(AppFixture fixture)
{
    // Customer ids differ per file, so that no test's rows are duplicates of another's in the shared database.
    private static string Csv(string customer) =>
        "customer_id,date,amount\n" +
        $"{customer}-1,2024-01-05,10.00\n" +
        $"{customer}-1,2024-02-05,20.00\n" +
        $"{customer}-2,2024-01-07,5.50\n" +
        $"{customer}-3,not-a-date,7.00\n";

    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task Upload_previews_imports_and_reports_rejected_rows_with_line_numbers()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);
        var runsBefore = App.Scheduler.Requests;

        var review = await UploadAsync(client, "../../secret/path/shop orders.csv", Csv("alpha"));
        var reviewPage = await client.GetStringAsync(review);
        reviewPage.Should().Contain("Simple").And.Contain("alpha-1").And.Contain("2024-02-05");

        var uploadId = review.Split('/').Last();
        var progress = await CltvWebFactory.PostFormAsync(
            client, review, new() { ["Input.UseDetected"] = "true", ["Input.Currency"] = "EUR", ["Input.Mode"] = "Append" }, review + "?handler=Import");
        progress.StatusCode.Should().Be(HttpStatusCode.Redirect);
        progress.Headers.Location!.OriginalString.Should().Be($"/Imports/Progress/{uploadId}");
        (await client.GetAsync(progress.Headers.Location)).StatusCode.Should().Be(HttpStatusCode.OK);

        var status = await ImportPolling.WaitForImportAsync(client, uploadId);
        status.GetProperty("state").GetString().Should().Be("Succeeded", status.ToString());
        var batchId = status.GetProperty("batchId").GetInt64();
        var runId = status.GetProperty("runId").GetInt64();
        App.Scheduler.Requests.Should().Be(runsBefore + 1);
        var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/status");
        run.GetProperty("status").GetString().Should().Be("Succeeded");

        var report = await client.GetStringAsync($"/Imports/Details/{batchId}");
        report.Should().Contain("shop orders.csv").And.Contain(">5<").And.Contain("date");
        await using var context = App.CreateContext();
        var batch = await context.ImportBatches.SingleAsync(b => b.Id == batchId);
        batch.Status.Should().Be(ImportStatus.Succeeded);
        batch.RowsImported.Should().Be(3);
        batch.RowsRejected.Should().Be(1);
        batch.FileName.Should().Be("shop orders.csv");
        (await context.BusinessSettings.SingleAsync()).CurrencyCode.Should().Be("EUR");
        (await client.GetStringAsync("/Imports")).Should().Contain("shop orders.csv");

        report.Should().Contain($"/imports/{batchId}/rejected.csv");
        var download = await client.GetAsync($"/imports/{batchId}/rejected.csv");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        download.Content.Headers.ContentDisposition!.FileName.Should().Be($"import-{batchId}-rejected-rows.csv");
        var rejected = (await download.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rejected.Should().HaveCount(2);
        rejected[0].Should().StartWith("line,column,reason,customer_id,date,amount");
        rejected[1].Should().StartWith("5,date,").And.Contain("alpha-3,not-a-date,7.00");
        (await client.GetAsync("/imports/999999/rejected.csv")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Uploads_are_kept_under_random_names_and_removed_after_import()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);

        var review = await UploadAsync(client, "customers.csv", Csv("beta"));

        var uploads = Directory.GetFiles(Path.Combine(App.DataFolder, "uploads"));
        uploads.Should().NotBeEmpty();
        uploads.Select(Path.GetFileName).Should().OnlyContain(name => !name!.Contains("customers", StringComparison.Ordinal));
        var uploadId = review.Split('/').Last();
        await CltvWebFactory.PostFormAsync(client, review, new() { ["Input.UseDetected"] = "true", ["Input.Currency"] = "EUR" }, review + "?handler=Import");
        await ImportPolling.WaitForImportAsync(client, uploadId);
        Directory.GetFiles(Path.Combine(App.DataFolder, "uploads"), Guid.Parse(uploadId).ToString("N") + "*").Should().BeEmpty();
    }

    [Fact]
    public async Task An_empty_file_is_refused_with_a_message()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);
        var token = await CltvWebFactory.AntiforgeryTokenAsync(client, "/Upload");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent([]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "empty.csv");

        var response = await client.PostAsync("/Upload", form);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("not empty");
    }

    internal static async Task<string> UploadAsync(HttpClient client, string fileName, string content)
    {
        var token = await CltvWebFactory.AntiforgeryTokenAsync(client, "/Upload");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", fileName);
        var response = await client.PostAsync("/Upload", form);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString;
    }
}

public sealed class SqliteImportTests(SqliteApp fixture) : ImportTests(fixture), IClassFixture<SqliteApp>;

public sealed class PostgresImportTests(PostgresApp fixture) : ImportTests(fixture), IClassFixture<PostgresApp>;

public sealed class UploadStoreTests
{
    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_nothing_is_kept()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cltv-uploads-" + Guid.NewGuid().ToString("N"));
        try
        {
            var uploads = new UploadStore(Options.Create(new CltvWebOptions { DataFolder = folder, MaxUploadMegabytes = 1 }), TimeProvider.System);

            var save = () => uploads.SaveAsync(new MemoryStream(new byte[(1 << 20) + 1]), "big.csv", "analyst@example.com", default);

            await save.Should().ThrowAsync<UploadTooLargeException>();
            Directory.GetFiles(Path.Combine(folder, "uploads")).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

public sealed class InterruptedImportTests
{
    [Fact]
    public async Task An_upload_left_queued_by_a_shutdown_is_imported_on_the_next_start()
    {
        await using var database = await TestDatabase.CreateAsync(Infrastructure.Data.DatabaseProvider.Sqlite);
        await using var app = new CltvWebFactory(database);
        var uploads = new UploadStore(Options.Create(new CltvWebOptions { DataFolder = app.DataFolder }), TimeProvider.System);
        var pending = await uploads.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("customer_id,date,amount\nx,2024-03-01,12.50\n")), "left.csv", "analyst@example.com", default);
        await uploads.WriteAsync(pending with { Queued = true, Currency = "USD" }, default);

        _ = app.Server;

        var until = DateTime.UtcNow.AddSeconds(60);
        ImportBatch? batch = null;
        while (batch is not { Status: ImportStatus.Succeeded } && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
            await using var context = app.CreateContext();
            batch = await context.ImportBatches.AsNoTracking().SingleOrDefaultAsync();
        }

        batch.Should().NotBeNull();
        batch!.Status.Should().Be(ImportStatus.Succeeded);
        batch.FileName.Should().Be("left.csv");
        batch.RowsImported.Should().Be(1);
    }
}

public abstract class DemoTests(AppFixture fixture)
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task Loading_the_demo_imports_cdnow_and_requests_a_recalculation()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);
        (await client.GetStringAsync("/")).Should().Contain("Load the CDNOW demo");

        var response = await CltvWebFactory.PostFormAsync(client, "/", [], "/?handler=LoadDemo");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var uploadId = response.Headers.Location!.OriginalString.Split('/').Last();
        var status = await ImportPolling.WaitForImportAsync(client, uploadId);
        status.GetProperty("state").GetString().Should().Be("Succeeded", status.ToString());
        status.GetProperty("runId").ValueKind.Should().Be(JsonValueKind.Number);
        await using var context = App.CreateContext();
        (await context.Customers.CountAsync()).Should().BeGreaterThanOrEqualTo(23_570);
        (await client.GetStringAsync("/")).Should().Contain("Overview").And.NotContain("Load the CDNOW demo");
    }
}

public sealed class SqliteDemoTests(SqliteApp fixture) : DemoTests(fixture), IClassFixture<SqliteApp>;

public sealed class PostgresDemoTests(PostgresApp fixture) : DemoTests(fixture), IClassFixture<PostgresApp>;

public sealed class DemoPipelineTests
{
    [Fact]
    public async Task Loading_the_demo_computes_a_current_run_over_every_cdnow_customer()
    {
        await using var database = await TestDatabase.CreateAsync(Infrastructure.Data.DatabaseProvider.Sqlite);
        await using var app = new CltvWebFactory(database, realPipeline: true);
        var client = await app.SignedInClientAsync(CltvRoles.Analyst);

        var response = await CltvWebFactory.PostFormAsync(client, "/", [], "/?handler=LoadDemo");
        var uploadId = response.Headers.Location!.OriginalString.Split('/').Last();
        var status = await ImportPolling.WaitForImportAsync(client, uploadId);
        var runId = status.GetProperty("runId").GetInt64();

        var until = DateTime.UtcNow.AddMinutes(3);
        JsonElement run;
        do
        {
            await Task.Delay(200);
            run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/status");
        }
        while (run.GetProperty("status").GetString() is "Queued" or "Running" && DateTime.UtcNow < until);

        run.GetProperty("status").GetString().Should().Be("Succeeded", run.ToString());
        run.GetProperty("percentComplete").GetInt32().Should().Be(100);
        await using var context = app.CreateContext();
        var current = await context.CalculationRuns.AsNoTracking().SingleAsync(r => r.IsCurrent);
        current.Id.Should().Be(runId);
        (await context.CustomerMetrics.CountAsync(m => m.CalculationRunId == runId)).Should().Be(23_570);
        current.ChosenModel.Should().NotBeNull();
        var runs = await client.GetStringAsync("/Runs");
        runs.Should().Contain("Succeeded").And.Contain("23,570").And.Contain(CltvDashboard.Web.Pages.Runs.IndexModel.ModelName(current.ChosenModel!));
        runs.Should().Contain("Reading transactions").And.Contain(" ms</td>");
    }
}
