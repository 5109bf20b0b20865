using System.Text;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Web.Configuration;
using CltvDashboard.Web.Imports;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Tests;

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
