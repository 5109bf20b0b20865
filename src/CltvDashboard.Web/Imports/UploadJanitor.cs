using CltvDashboard.Web.Configuration;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Imports;

/// <summary>
/// Deletes uploads nobody imported (the user left the review page) once they are older than
/// <see cref="CltvWebOptions.AbandonedUploadHours"/>, and forgets the progress of imports finished over an hour ago.
/// Runs on every instance, since each keeps its own uploads and progress.
/// </summary>
public sealed partial class UploadJanitor : BackgroundService
{
    /// <summary>How long a finished import's progress stays for its page to show; the import history keeps the rest.</summary>
    public static readonly TimeSpan FinishedProgressKept = TimeSpan.FromHours(1);

    // Hourly is often enough for an age counted in hours, and cheap: one folder listing.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    private readonly UploadStore _uploads;
    private readonly ImportProgressStore _progress;
    private readonly TimeSpan _abandonedAfter;
    private readonly TimeProvider _time;
    private readonly ILogger<UploadJanitor> _logger;

    public UploadJanitor(UploadStore uploads, ImportProgressStore progress, IOptions<CltvWebOptions> options, TimeProvider time, ILogger<UploadJanitor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _uploads = uploads;
        _progress = progress;
        _abandonedAfter = TimeSpan.FromHours(options.Value.AbandonedUploadHours);
        _time = time;
        _logger = logger;
    }

    /// <summary>Deletes the abandoned uploads and prunes the finished progress once.</summary>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>The uploads deleted and the progress entries dropped.</returns>
    public async Task<(int Uploads, int ProgressEntries)> SweepAsync(CancellationToken cancellationToken)
    {
        var uploads = await _uploads.DeleteAbandonedAsync(_abandonedAfter, cancellationToken).ConfigureAwait(false);
        var entries = _progress.PruneFinished(FinishedProgressKept);
        if (uploads > 0)
        {
            LogDeleted(uploads);
        }

        return (uploads, entries);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, _time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                // A file another request holds open is tried again at the next sweep.
                LogSweepFailed(e);
            }
            catch (UnauthorizedAccessException e)
            {
                LogSweepFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} uploads that were never imported")]
    private partial void LogDeleted(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not clear abandoned uploads; trying again at the next sweep")]
    private partial void LogSweepFailed(Exception exception);
}
