using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Serilog.Context;

namespace CltvDashboard.Web.Imports;

/// <summary>
/// Imports the queued uploads one at a time on the instance that received them, then asks for a recalculation.
/// </summary>
/// <remarks>
/// An import is one database transaction (<see cref="TransactionImporter"/>), so a shutdown in the middle leaves
/// the store as it was; the saved file and its description stay, and the import is queued again on the next start.
/// </remarks>
public sealed partial class ImportWorker : BackgroundService
{
    private readonly ImportBacklog _queue;
    private readonly UploadStore _uploads;
    private readonly ImportProgressStore _progress;
    private readonly IServiceScopeFactory _scopes;
    private readonly DatasetImport _import;
    private readonly TimeProvider _time;
    private readonly ILogger<ImportWorker> _logger;

    public ImportWorker(
        ImportBacklog queue, UploadStore uploads, ImportProgressStore progress, IServiceScopeFactory scopes, DatasetImport import, TimeProvider time,
        ILogger<ImportWorker> logger)
    {
        _time = time;
        _queue = queue;
        _uploads = uploads;
        _progress = progress;
        _scopes = scopes;
        _import = import;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var pending in await _uploads.QueuedAsync(stoppingToken).ConfigureAwait(false))
        {
            LogResuming(pending.Id);
            _queue.Enqueue(pending);
        }

        await foreach (var pending in _queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            // Queued twice when a user confirmed it while the start-up scan ran; the first pass removed the file.
            if (await _uploads.FindAsync(pending.Id, stoppingToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            using (LogContext.PushProperty("UploadId", pending.Id))
            {
                await ImportAsync(pending, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ImportAsync(PendingImport pending, CancellationToken stoppingToken)
    {
        try
        {
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var progress = new SnapshotProgress(_progress, pending);
                ImportResult result;
                var file = _uploads.Open(pending.Id);
                await using (file.ConfigureAwait(false))
                {
                    result = await _import.ImportAsync(file, pending.FileName, pending.ToChoices(), pending.Mode, pending.UploadedBy, pending.Id, progress,
                            pending.Demo ? DatasetKind.Demo : DatasetKind.Own, stoppingToken)
                        .ConfigureAwait(false);
                }

                // The data is committed from here on: the file has served, and nothing below may report the import as failed.
                _uploads.Delete(pending.Id);
                using (LogContext.PushProperty("ImportId", result.BatchId))
                {
                    LogImported(result.TransactionsImported, result.RowsRejected);
                    long? runId = null;
                    try
                    {
                        runId = await scope.ServiceProvider.GetRequiredService<IRecalculationScheduler>()
                            .RequestAsync(CalculationTrigger.Import, stoppingToken).ConfigureAwait(false);
                        using (LogContext.PushProperty("RunId", runId))
                        {
                            LogRecalculationRequested();
                        }
                    }
#pragma warning disable CA1031 // The import stands; the nightly run or "Recalculate now" picks the data up.
                    catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                    {
                        LogRecalculationNotRequested(e);
                    }

                    _progress.Set(pending.Id, new ImportSnapshot(ImportState.Succeeded, pending.FileName, result.RowsRead, 100, result.BatchId, runId, null)
                    {
                        LinesUsed = result.LinesUsed,
                        LinesRejected = result.LinesRejected,
                        TransactionsImported = result.TransactionsImported,
                    });
                }
            }

        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogInterrupted();
        }
        catch (StoreFullException e)
        {
            LogStoreFull(e);
            await FailAsync(pending, e.Message).ConfigureAwait(false);
        }
        catch (ImportFileException e)
        {
            await FailAsync(pending, e.Message).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One bad upload must not stop the queue; the failure is recorded on its batch and shown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(e);
            await FailAsync(pending, "The import failed: " + e.Message).ConfigureAwait(false);
        }
    }

    // A failed upload goes back to review with its choices rather than away: the user changes them and tries again
    // without sending the file again. The clean-up deletes it after the hours an abandoned upload is kept, counted
    // from the failure. The demo has nothing to change, so its copy goes.
    private async Task FailAsync(PendingImport pending, string message)
    {
        var kept = !pending.Demo && await _uploads.FindAsync(pending.Id, CancellationToken.None).ConfigureAwait(false) is not null;
        if (kept)
        {
            try
            {
                await _uploads.WriteAsync(
                        pending with { Queued = false, FailureMessage = message, FailedAtUtc = _time.GetUtcNow().UtcDateTime }, CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (IOException e)
            {
                // Without its description the file cannot be offered again; it goes rather than wait in the queue.
                LogNotKept(e);
                kept = false;
            }
        }

        if (!kept)
        {
            _uploads.Delete(pending.Id);
        }

        _progress.Set(pending.Id, new ImportSnapshot(ImportState.Failed, pending.FileName, 0, 0, null, null, message) { CanRetry = kept });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queuing the interrupted upload {UploadId} again")]
    private partial void LogResuming(Guid uploadId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Transactions} transactions, {Rejected} rows rejected")]
    private partial void LogImported(long transactions, long rejected);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recalculation requested after the import")]
    private partial void LogRecalculationRequested();

    [LoggerMessage(Level = LogLevel.Error, Message = "The import is stored but no recalculation could be requested; the next nightly or manual run includes it")]
    private partial void LogRecalculationNotRequested(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import interrupted by shutdown; nothing was stored and it resumes on the next start")]
    private partial void LogInterrupted();

    [LoggerMessage(Level = LogLevel.Error, Message = "Import failed: the disk holding the database is full; nothing of the file was stored")]
    private partial void LogStoreFull(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import failed")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The failed upload could not be kept for another try; it is deleted")]
    private partial void LogNotKept(Exception exception);

    private sealed class SnapshotProgress(ImportProgressStore store, PendingImport pending) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            var state = value.Stage == "Reading" ? ImportState.Reading : ImportState.Merging;
            var percent = value.TotalBytes is > 0 ? (int)Math.Min(99, value.BytesRead * 100 / value.TotalBytes.Value) : 0;
            store.Set(pending.Id, new ImportSnapshot(state, pending.FileName, value.RowsRead, percent, null, null, null));
        }
    }
}
