using System.Net;
using System.Text;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Configuration;
using CltvDashboard.Web.Imports;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Tests;

/// <summary>Imports that a stopped process left unfinished, on each provider.</summary>
public abstract class InterruptedImportTests
{
    private const string Csv = "customer_id,date,amount\nx,2024-03-01,12.50\n";

    /// <summary>The provider under test.</summary>
    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task An_upload_left_queued_by_a_shutdown_is_imported_on_the_next_start()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await using var app = new CltvWebFactory(database);
        await QueueUploadAsync(app, "left.csv");

        _ = app.Server;

        var batch = await WaitForAsync(app, batches => batches.SingleOrDefault(b => b.Status == ImportStatus.Succeeded));
        batch.FileName.Should().Be("left.csv");
        batch.RowsImported.Should().Be(1);
    }

    [Fact]
    public async Task An_import_cut_off_by_a_killed_process_is_marked_interrupted_and_linked_to_the_import_that_redid_it()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await using var app = new CltvWebFactory(database);
        var pending = await QueueUploadAsync(app, "killed.csv");
        // What kill -9 during the import leaves: the upload still queued, its batch still running, nothing stored.
        await DatabaseMigrator.MigrateAsync(database.Database);
        long killed;
        await using (var context = app.CreateContext())
        {
            var batch = new ImportBatch
            {
                FileName = "killed.csv", Checksum = "", ImportedBy = "analyst@example.com", StartedAtUtc = DateTime.UtcNow.AddMinutes(-3),
                Status = ImportStatus.Running, Mode = ImportMode.Append, UploadId = pending.Id,
            };
            context.ImportBatches.Add(batch);
            await context.SaveChangesAsync();
            killed = batch.Id;
        }

        _ = app.Server;

        var redo = await WaitForAsync(app, batches => batches.SingleOrDefault(b => b.Status == ImportStatus.Succeeded));
        redo.RowsImported.Should().Be(1, "the upload is imported once more, and once only");
        await using (var context = app.CreateContext())
        {
            var interrupted = await context.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == killed);
            interrupted.Status.Should().Be(ImportStatus.Interrupted);
            interrupted.RedoneByBatchId.Should().Be(redo.Id);
            interrupted.FinishedAtUtc.Should().NotBeNull();
            (await context.Transactions.CountAsync()).Should().Be(1);
        }

        using var client = await app.SignedInClientAsync(CltvRoles.Analyst);
        var history = await client.GetStringAsync("/Imports");
        history.Should().Contain(">Interrupted</span>").And.Contain($"redone as <a href=\"/Imports/Details/{redo.Id}\">#{redo.Id}</a>");
        history.Should().NotContain(">Running</span>", "no import stays running after the one that redid it");
        var report = await client.GetStringAsync($"/Imports/Details/{killed}");
        report.Should().Contain("The application stopped before this import finished").And.Contain($"import #{redo.Id}</a>");
        var redoReport = await client.GetAsync($"/Imports/Details/{redo.Id}");
        redoReport.StatusCode.Should().Be(HttpStatusCode.OK);
        (await redoReport.Content.ReadAsStringAsync()).Should().Contain($"This import redid the interrupted import").And.Contain($"#{killed}</a>");
    }

    private static async Task<PendingImport> QueueUploadAsync(CltvWebFactory app, string fileName)
    {
        var uploads = new UploadStore(Options.Create(new CltvWebOptions { DataFolder = app.DataFolder }), TimeProvider.System);
        var pending = await uploads.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes(Csv)), fileName, "analyst@example.com", default);
        var queued = pending with { Queued = true, Currency = "USD" };
        await uploads.WriteAsync(queued, default);
        return queued;
    }

    private static async Task<ImportBatch> WaitForAsync(CltvWebFactory app, Func<List<ImportBatch>, ImportBatch?> find)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        ImportBatch? found = null;
        while (found is null && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
            await using var context = app.CreateContext();
            found = find(await context.ImportBatches.AsNoTracking().ToListAsync());
        }

        found.Should().NotBeNull("the import finishes within a minute");
        return found!;
    }
}
