using System.Text.Json;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Web.Configuration;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Imports;

/// <summary>
/// Keeps uploaded files in the data folder's <c>uploads</c> folder under random names, never the client's
/// name or path, each with its <see cref="PendingImport"/> beside it as JSON.
/// </summary>
public sealed class UploadStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string _folder;
    private readonly long _maxBytes;
    private readonly TimeProvider _time;
    private readonly Func<string, Stream> _createFile;

    public UploadStore(IOptions<CltvWebOptions> options, TimeProvider time)
        : this(options, time, CreateFile)
    {
    }

    /// <summary>Creates the store with another way of creating the saved files (a test's full disk).</summary>
    internal UploadStore(IOptions<CltvWebOptions> options, TimeProvider time, Func<string, Stream> createFile)
    {
        ArgumentNullException.ThrowIfNull(options);
        _folder = Path.Combine(options.Value.ResolvedDataFolder, "uploads");
        _maxBytes = options.Value.MaxUploadBytes;
        _time = time;
        _createFile = createFile;
    }

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxBytes => _maxBytes;

    /// <summary>Saves an upload's bytes and its description; refuses files over the limit.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="clientFileName">The name the client gave; only its last segment is kept, for display.</param>
    /// <param name="uploadedBy">The user's name.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The saved upload, not yet queued.</returns>
    /// <exception cref="UploadTooLargeException">The file is larger than the limit; nothing is kept.</exception>
    /// <exception cref="UploadDiskFullException">The disk holding the data folder is full; nothing is kept.</exception>
    public async Task<PendingImport> SaveAsync(Stream content, string clientFileName, string uploadedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            return await SaveFileAsync(content, clientFileName, uploadedBy, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (StoreFailures.IsDiskFull(e))
        {
            throw new UploadDiskFullException(_folder, e);
        }
    }

    private async Task<PendingImport> SaveFileAsync(Stream content, string clientFileName, string uploadedBy, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder);
        var pending = new PendingImport
        {
            Id = Guid.NewGuid(),
            FileName = SafeDisplayName(clientFileName),
            UploadedBy = uploadedBy,
            UploadedAtUtc = _time.GetUtcNow().UtcDateTime,
        };
        var path = DataPath(pending.Id);
        try
        {
            var file = _createFile(path);
            await using (file.ConfigureAwait(false))
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > _maxBytes)
                    {
                        throw new UploadTooLargeException(_maxBytes);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            await WriteAsync(pending, cancellationToken).ConfigureAwait(false);
            return pending;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Replaces an upload's description.</summary>
    /// <param name="pending">The new description.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task WriteAsync(PendingImport pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var temporary = DescriptionPath(pending.Id) + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(pending, Json), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, DescriptionPath(pending.Id), overwrite: true);
    }

    /// <summary>An upload's description, or null when there is no such upload.</summary>
    /// <param name="id">The upload's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<PendingImport?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var path = DescriptionPath(id);
        if (!File.Exists(path) || !File.Exists(DataPath(id)))
        {
            return null;
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<PendingImport>(text, Json);
        }
        catch (JsonException)
        {
            // A description cut short by a crash cannot be acted on; the upload is treated as gone rather than stopping the queue.
            return null;
        }
    }

    /// <summary>Opens an upload's bytes for reading; the caller disposes the stream.</summary>
    /// <param name="id">The upload's id.</param>
    public Stream Open(Guid id) =>
        new FileStream(DataPath(id), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);

    /// <summary>The uploads the user confirmed that have not been imported yet, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<IReadOnlyList<PendingImport>> QueuedAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_folder))
        {
            return [];
        }

        var queued = new List<PendingImport>();
        foreach (var path in Directory.EnumerateFiles(_folder, "*.json"))
        {
            if (Guid.TryParse(Path.GetFileNameWithoutExtension(path), out var id)
                && await FindAsync(id, cancellationToken).ConfigureAwait(false) is { Queued: true } pending)
            {
                queued.Add(pending);
            }
        }

        return queued.OrderBy(p => p.UploadedAtUtc).ToList();
    }

    /// <summary>
    /// Deletes the uploads that were saved longer ago than an age and never confirmed (the user left the review page)
    /// or whose import failed longer ago than that (the user did not try again), and any file a crash left without its description. Confirmed uploads stay, however old: they wait in the
    /// import queue and are deleted once imported.
    /// </summary>
    /// <param name="age">How long an unconfirmed upload is kept for the user to come back to.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The uploads deleted.</returns>
    public async Task<int> DeleteAbandonedAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_folder))
        {
            return 0;
        }

        var before = _time.GetUtcNow().UtcDateTime - age;
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(_folder).ToList())
        {
            var name = Path.GetFileName(path);
            if (!Guid.TryParseExact(name.Split('.')[0], "N", out var id))
            {
                continue;
            }

            bool old;
            if (name.EndsWith(".upload", StringComparison.Ordinal))
            {
                var pending = await FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (pending is { Queued: true })
                {
                    continue;
                }

                // Without a readable description (a crash while saving) the file's own time is all there is.
                // A file kept after a failed import is kept for as long again from the failure, for the user to retry.
                old = (pending?.FailedAtUtc ?? pending?.UploadedAtUtc) < before || pending is null && File.GetLastWriteTimeUtc(path) < before;
            }
            else
            {
                // A description is judged with its upload; alone, it is what a crash left behind.
                // The description of an upload deleted a moment ago is gone and must not count twice.
                old = File.Exists(path) && !File.Exists(DataPath(id)) && File.GetLastWriteTimeUtc(path) < before;
            }

            if (old)
            {
                Delete(id);
                File.Delete(DescriptionPath(id) + ".tmp");
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>Removes an upload's file and description.</summary>
    /// <param name="id">The upload's id.</param>
    public void Delete(Guid id)
    {
        File.Delete(DataPath(id));
        File.Delete(DescriptionPath(id));
    }

    private static string SafeDisplayName(string clientFileName)
    {
        // Browsers may send a full path (old IE sends C:\…); keep the last segment of either separator.
        var name = clientFileName.Replace('\\', '/').Split('/').LastOrDefault(s => s.Length > 0) ?? "upload.csv";
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "upload.csv" : name[..Math.Min(name.Length, 200)];
    }

    private static Stream CreateFile(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);

    private string DataPath(Guid id) => Path.Combine(_folder, id.ToString("N") + ".upload");

    private string DescriptionPath(Guid id) => Path.Combine(_folder, id.ToString("N") + ".json");
}

/// <summary>An upload over the configured size limit.</summary>
public sealed class UploadTooLargeException : Exception
{
    public UploadTooLargeException(long maxBytes)
        : base($"The file is larger than the limit of {maxBytes / (1024 * 1024)} MB.")
    {
    }

    public UploadTooLargeException()
    {
    }

    public UploadTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An upload that could not be saved because the disk holding the data folder is full; nothing of it was kept.</summary>
public sealed class UploadDiskFullException : Exception
{
    public UploadDiskFullException(string folder, IOException innerException)
        : base("The file could not be saved: the disk holding the data folder is full. Free some space on it and upload the file again.", innerException)
    {
        Folder = folder;
    }

    public UploadDiskFullException()
    {
        Folder = "";
    }

    public UploadDiskFullException(string message, Exception innerException)
        : base(message, innerException)
    {
        Folder = "";
    }

    /// <summary>The folder the file was being saved in, for the log.</summary>
    public string Folder { get; }
}
