using System.Collections.Concurrent;

namespace CltvDashboard.Web.Imports;

/// <summary>Where an upload's import stands, as the progress page shows it.</summary>
public enum ImportState
{
    /// <summary>Waiting for the queue.</summary>
    Queued,

    /// <summary>Reading and staging rows.</summary>
    Reading,

    /// <summary>Merging the staged rows into the store.</summary>
    Merging,

    /// <summary>Committed; a recalculation was requested.</summary>
    Succeeded,

    /// <summary>Nothing was imported; see the error.</summary>
    Failed,
}

/// <summary>A moment of an import's progress.</summary>
/// <param name="State">Where it stands.</param>
/// <param name="FileName">The client's file name.</param>
/// <param name="RowsRead">Rows read so far.</param>
/// <param name="Percent">Share of the file read, 0–100.</param>
/// <param name="BatchId">The import batch once committed.</param>
/// <param name="RunId">The calculation run requested after the import, when one was.</param>
/// <param name="Error">Why it failed.</param>
public sealed record ImportSnapshot(ImportState State, string FileName, long RowsRead, int Percent, long? BatchId, long? RunId, string? Error)
{
    /// <summary>Once succeeded: lines that went into transactions.</summary>
    public long LinesUsed { get; init; }

    /// <summary>Once succeeded: lines refused (see the report).</summary>
    public long LinesRejected { get; init; }

    /// <summary>Once succeeded: transactions added to the dataset.</summary>
    public long TransactionsImported { get; init; }

    /// <summary>Once failed: whether the file is kept for the user to change the settings and try again.</summary>
    public bool CanRetry { get; init; }
}

/// <summary>
/// The progress of the imports this instance runs, in memory: the upload's progress page polls it. An import's
/// lasting record is its <c>ImportBatch</c> row; this only adds the live figures, so a finished import's entry is
/// dropped by <see cref="PruneFinished"/> once nobody is likely to be watching it.
/// </summary>
public sealed class ImportProgressStore
{
    private readonly ConcurrentDictionary<Guid, (ImportSnapshot Snapshot, DateTimeOffset At)> _snapshots = new();
    private readonly TimeProvider _time;

    public ImportProgressStore(TimeProvider time) => _time = time;

    /// <summary>Imports with an entry, finished or not.</summary>
    public int Count => _snapshots.Count;

    /// <summary>The latest snapshot of an upload, or null when this instance has none.</summary>
    /// <param name="id">The upload's id.</param>
    public ImportSnapshot? Find(Guid id) => _snapshots.TryGetValue(id, out var entry) ? entry.Snapshot : null;

    /// <summary>Records a snapshot.</summary>
    /// <param name="id">The upload's id.</param>
    /// <param name="snapshot">Its state now.</param>
    public void Set(Guid id, ImportSnapshot snapshot) => _snapshots[id] = (snapshot, _time.GetUtcNow());

    /// <summary>Drops the entries of imports that finished (succeeded or failed) longer ago than an age; running ones stay.</summary>
    /// <param name="age">How long a finished import's figures stay available.</param>
    /// <returns>The entries dropped.</returns>
    public int PruneFinished(TimeSpan age)
    {
        var before = _time.GetUtcNow() - age;
        var dropped = 0;
        foreach (var (id, entry) in _snapshots)
        {
            if (entry.Snapshot.State is ImportState.Succeeded or ImportState.Failed && entry.At < before
                && _snapshots.TryRemove(new KeyValuePair<Guid, (ImportSnapshot, DateTimeOffset)>(id, entry)))
            {
                dropped++;
            }
        }

        return dropped;
    }
}
