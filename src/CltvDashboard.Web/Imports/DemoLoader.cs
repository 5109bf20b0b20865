using CltvDashboard.Infrastructure.SampleData;

namespace CltvDashboard.Web.Imports;

/// <summary>
/// Queues the bundled demo dataset like an upload, at most one at a time on this instance: while a demo import
/// waits or runs, asking again returns that import instead of queuing another.
/// </summary>
public sealed class DemoLoader : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly UploadStore _uploads;
    private readonly ImportBacklog _queue;

    public DemoLoader(UploadStore uploads, ImportBacklog queue)
    {
        _uploads = uploads;
        _queue = queue;
    }

    /// <summary>The demo dataset.</summary>
    public static SampleDataset Dataset => SampleDatasets.Cdnow;

    /// <summary>Queues the demo unless a demo import is already waiting or running.</summary>
    /// <param name="uploadedBy">The user's name.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The upload whose progress to show, and whether it was queued by an earlier request.</returns>
    public async Task<(Guid UploadId, bool AlreadyQueued)> QueueAsync(string uploadedBy, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A queued upload keeps its file until its import ends, so this finds a demo that waits or runs.
            if ((await _uploads.QueuedAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Demo) is { } waiting)
            {
                return (waiting.Id, true);
            }

            PendingImport pending;
            var file = Dataset.Open();
            await using (file.ConfigureAwait(false))
            {
                pending = await _uploads.SaveAsync(file, Dataset.FileName, uploadedBy, cancellationToken).ConfigureAwait(false);
            }

            pending = pending with { Queued = true, Demo = true, Currency = Dataset.Currency };
            await _uploads.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
            _queue.Enqueue(pending);
            return (pending.Id, false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
