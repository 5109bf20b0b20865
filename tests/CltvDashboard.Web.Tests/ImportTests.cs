using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

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
        (await context.Datasets.OrderByDescending(d => d.Id).FirstAsync()).Currency.Should().Be("EUR", "the store's data take the currency chosen for rows that name none");
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
    public async Task A_line_item_export_is_reported_in_lines_with_the_rejected_lines_by_reason_and_all_of_them_downloadable()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);
        // Ids of their own in the shared database.
        var retail = CltvDashboard.TestSupport.OnlineRetailExportGenerator.Generate(customers: 120, seed: 21, firstCustomerId: 9_100_000);
        var text = retail.Text;

        var review = await UploadAsync(client, "online_retail.csv", text);
        var uploadId = review.Split('/').Last();
        await CltvWebFactory.PostFormAsync(
            client, review,
            new() { ["Input.UseDetected"] = "true", ["Input.Currency"] = "EUR", ["Input.Mode"] = "Append", ["Input.DateOrder"] = "MonthFirst" },
            review + "?handler=Import");
        var status = await ImportPolling.WaitForImportAsync(client, uploadId);
        status.GetProperty("state").GetString().Should().Be("Succeeded", status.ToString());
        var batchId = status.GetProperty("batchId").GetInt64();

        var report = await client.GetStringAsync($"/Imports/Details/{batchId}");
        var rejected = (await client.GetStringAsync($"/imports/{batchId}/rejected.csv")).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);

        report.Should().Contain("Lines read").And.Contain($">{retail.Lines:N0}<")
            .And.Contain("Lines rejected").And.Contain($">{retail.LinesWithoutCustomer:N0}<")
            .And.Contain("Rejected lines by reason").And.Contain("no customer identifier")
            .And.Contain($"The {retail.LinesWithoutCustomer:N0} rejected lines make {retail.InvoicesWithoutCustomer:N0} orders.");
        rejected.Should().HaveCount(retail.LinesWithoutCustomer + 1);
        (await client.GetStringAsync("/Imports")).Should().Contain("Lines rejected");
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
