using System.Threading.Channels;

namespace CltvDashboard.Web.Imports;

/// <summary>The uploads waiting for <see cref="ImportWorker"/> on this instance, in order.</summary>
public sealed class ImportBacklog
{
    private readonly Channel<PendingImport> _channel = Channel.CreateUnbounded<PendingImport>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ImportProgressStore _progress;

    public ImportBacklog(ImportProgressStore progress) => _progress = progress;

    /// <summary>Adds a confirmed upload.</summary>
    /// <param name="pending">The upload, saved with <see cref="PendingImport.Queued"/> set.</param>
    public void Enqueue(PendingImport pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        _progress.Set(pending.Id, new ImportSnapshot(ImportState.Queued, pending.FileName, 0, 0, null, null, null));
        _channel.Writer.TryWrite(pending);
    }

    /// <summary>The uploads as they arrive.</summary>
    /// <param name="cancellationToken">Stops the reading.</param>
    public IAsyncEnumerable<PendingImport> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
