using CltvDashboard.Web.Configuration;
using CltvDashboard.Web.Imports;
using CltvDashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Tests.Imports;

/// <summary>Uploads nobody imported are deleted after the configured age; finished imports' progress is forgotten after an hour.</summary>
public sealed class UploadCleanupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cltv-uploads-" + Guid.NewGuid().ToString("N"));
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private ImportProgressStore? _progress;

    [Fact]
    public async Task An_upload_left_on_the_review_page_is_deleted_after_the_configured_age_and_a_confirmed_one_is_kept()
    {
        var (uploads, janitor) = Create(abandonedUploadHours: 24);
        var abandoned = await SaveAsync(uploads);
        var confirmed = await SaveAsync(uploads);
        await uploads.WriteAsync(confirmed with { Queued = true }, CancellationToken.None);

        _clock.Now += TimeSpan.FromHours(23);
        var early = await janitor.SweepAsync(CancellationToken.None);
        var recent = await SaveAsync(uploads);
        _clock.Now += TimeSpan.FromHours(2);
        var late = await janitor.SweepAsync(CancellationToken.None);

        early.Uploads.Should().Be(0, "a user may still come back to the review page");
        late.Uploads.Should().Be(1);
        (await uploads.FindAsync(abandoned.Id, CancellationToken.None)).Should().BeNull();
        Directory.EnumerateFiles(Path.Combine(_folder, "uploads"), abandoned.Id.ToString("N") + "*").Should().BeEmpty("both the file and its description go");
        (await uploads.FindAsync(confirmed.Id, CancellationToken.None)).Should().NotBeNull("a confirmed upload waits in the import queue");
        (await uploads.FindAsync(recent.Id, CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public async Task A_file_kept_after_a_failed_import_is_deleted_the_configured_age_after_the_failure()
    {
        var (uploads, janitor) = Create(abandonedUploadHours: 24);
        var pending = await SaveAsync(uploads);
        _clock.Now += TimeSpan.FromHours(20);
        await uploads.WriteAsync(pending with { FailureMessage = "no currency", FailedAtUtc = _clock.Now.UtcDateTime }, CancellationToken.None);

        _clock.Now += TimeSpan.FromHours(10);
        var early = await janitor.SweepAsync(CancellationToken.None);
        _clock.Now += TimeSpan.FromHours(15);
        var late = await janitor.SweepAsync(CancellationToken.None);

        early.Uploads.Should().Be(0, "30 hours after the upload is only 10 after the failure: the user may still try again");
        late.Uploads.Should().Be(1, "kept files must not pile up");
        (await uploads.FindAsync(pending.Id, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task The_age_comes_from_the_setting()
    {
        var (uploads, janitor) = Create(abandonedUploadHours: 2);
        var abandoned = await SaveAsync(uploads);

        _clock.Now += TimeSpan.FromHours(3);
        await janitor.SweepAsync(CancellationToken.None);

        (await uploads.FindAsync(abandoned.Id, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Finished_imports_progress_is_forgotten_after_an_hour_and_a_running_import_is_kept()
    {
        var (_, janitor) = Create(abandonedUploadHours: 24);
        var progress = _progress!;
        var succeeded = Guid.NewGuid();
        var failed = Guid.NewGuid();
        var running = Guid.NewGuid();
        progress.Set(succeeded, new ImportSnapshot(ImportState.Succeeded, "a.csv", 10, 100, 1, 1, null));
        progress.Set(failed, new ImportSnapshot(ImportState.Failed, "b.csv", 0, 0, null, null, "bad"));
        progress.Set(running, new ImportSnapshot(ImportState.Reading, "c.csv", 5, 50, null, null, null));

        _clock.Now += TimeSpan.FromMinutes(50);
        var early = await janitor.SweepAsync(CancellationToken.None);
        _clock.Now += TimeSpan.FromMinutes(20);
        var late = await janitor.SweepAsync(CancellationToken.None);

        early.ProgressEntries.Should().Be(0);
        late.ProgressEntries.Should().Be(2);
        progress.Find(succeeded).Should().BeNull();
        progress.Find(failed).Should().BeNull();
        progress.Find(running).Should().NotBeNull("an import under way is still being watched");
    }

    [Fact]
    public async Task The_application_runs_the_sweep_with_the_configured_age()
    {
        await using var database = await TestDatabase.CreateAsync(Infrastructure.Data.DatabaseProvider.Sqlite);
        await using var app = new CltvWebFactory(database, new Dictionary<string, string> { ["Cltv:AbandonedUploadHours"] = "1" });
        var uploads = app.Services.GetRequiredService<UploadStore>();
        var pending = await SaveAsync(uploads);
        await uploads.WriteAsync(pending with { UploadedAtUtc = DateTime.UtcNow.AddHours(-2) }, CancellationToken.None);

        var janitor = app.Services.GetServices<IHostedService>().OfType<UploadJanitor>().Should().ContainSingle().Subject;
        await janitor.SweepAsync(CancellationToken.None);

        (await uploads.FindAsync(pending.Id, CancellationToken.None)).Should().BeNull();
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private (UploadStore Uploads, UploadJanitor Janitor) Create(int abandonedUploadHours)
    {
        var options = Options.Create(new CltvWebOptions { DataFolder = _folder, AbandonedUploadHours = abandonedUploadHours });
        var uploads = new UploadStore(options, _clock);
        _progress = new ImportProgressStore(_clock);
        return (uploads, new UploadJanitor(uploads, _progress, options, _clock, NullLogger<UploadJanitor>.Instance));
    }

    private static async Task<PendingImport> SaveAsync(UploadStore uploads)
    {
        using var content = new MemoryStream("customer_id,date,amount\n1,2025-01-02,10\n"u8.ToArray());
        return await uploads.SaveAsync(content, "orders.csv", "analyst@example.com", CancellationToken.None);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
