using System.Text.Json;
using System.Threading.Channels;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import.Writing;
using Microsoft.EntityFrameworkCore;
using StoredProblem = CltvDashboard.Infrastructure.Data.Entities.ImportProblem;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// Imports a transaction file into the store: reads it with <see cref="TransactionFileReader"/>, streams the rows
/// into a staging table (binary COPY on PostgreSQL, prepared multi-row inserts on SQLite) and merges them with
/// set-based SQL, all in one database transaction. Memory stays flat whatever the file's size.
/// </summary>
/// <remarks>
/// <para>Each call records one <see cref="ImportBatch"/>: it is inserted as <see cref="ImportStatus.Running"/> before
/// the data transaction starts, so that a crash leaves a trace, and set to <see cref="ImportStatus.Succeeded"/>
/// with its counts and rejected rows inside the data transaction, so that they commit together.</para>
/// <para>Idempotent: a transaction whose content hash the store already holds is skipped and counted as a duplicate,
/// so re-importing a file or an overlapping export adds nothing twice.</para>
/// <para>Failures: when the file turns out unusable part-way (<see cref="ImportFileException"/>), the import is
/// cancelled, or the database fails, the data transaction is rolled back (the store's customers and transactions
/// are exactly as before), the batch is marked <see cref="ImportStatus.Failed"/> with the message and the problems
/// found so far in a separate short transaction, and the exception is rethrown unchanged, except that a full disk
/// becomes a <see cref="StoreFullException"/> that says so. A returned result therefore always describes a committed
/// import.</para>
/// <para>Replace mode deletes every transaction, then the customers left without any, in the same transaction, and
/// starts a new dataset generation (<see cref="Dataset"/>); a replaced demo goes with its runs and imports. Appending
/// keeps the current dataset, whose currency every row must be in; appending the business's rows to the demo, or the
/// demo to them, is refused.</para>
/// </remarks>
public sealed class TransactionImporter
{
    private const int MaxErrorsReturned = 100;
    private const int ProgressEvery = 16_384;
    private const int RowsPerChunk = 1_024;
    private const int ChunksInFlight = 8;
    private const string UnknownUser = "unknown";

    /// <summary>Why an interrupted import stored nothing, as its report says.</summary>
    public const string InterruptedMessage =
        "The application stopped before this import finished (a crash, a restart or a power cut), so nothing of it was stored. "
        + "The upload was imported again when the application started.";

    /// <summary>Why a cancelled import (a shutdown) stored nothing, as its batch records it until it is redone.</summary>
    public const string CancelledMessage = "The import was cancelled.";

    private static readonly JsonSerializerOptions SettingsJson = new() { WriteIndented = false };

    private readonly string? _database;
    private readonly TimeProvider _time;

    /// <summary>Creates an importer for a store.</summary>
    /// <param name="database">A connection string or SQLite path, as <see cref="CltvDatabase"/> takes it; null for the default SQLite file.</param>
    /// <param name="timeProvider">The clock for the batch's start and end times; the system clock when null.</param>
    public TransactionImporter(string? database, TimeProvider? timeProvider = null)
    {
        _database = database;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Imports one file.</summary>
    /// <param name="file">The upload, positioned at its start; read once, to its end, and left open.</param>
    /// <param name="request">The file's name, how to read it and how to merge it.</param>
    /// <param name="progress">Receives the rows and bytes read as the import goes.</param>
    /// <param name="cancellationToken">Cancels the import; the store is left as it was.</param>
    /// <returns>What the committed import added.</returns>
    /// <exception cref="ImportFileException">The file cannot be imported; nothing was stored but a failed batch.</exception>
    /// <exception cref="OperationCanceledException">The import was cancelled; nothing was stored but a failed batch.</exception>
    public async Task<ImportResult> ImportAsync(
        Stream file, ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        long? totalBytes = file.CanSeek ? file.Length - file.Position : null;
        var batchId = await StartBatchAsync(request, cancellationToken).ConfigureAwait(false);
        using var hashing = new HashingReadStream(file);
        using var rejected = new RejectedRowSpool();
        TransactionFileReader? reader = null;
        try
        {
            var context = CltvDatabase.CreateContext(_database);
            await using (context.ConfigureAwait(false))
            {
                // A bulk merge is one long statement per step; the default 30 seconds is too short for millions of rows.
                context.Database.SetCommandTimeout(TimeSpan.Zero);
                await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    // Read in the import's transaction, so that the dataset appended to is the one committed with it.
                    var current = await DatasetGenerations.CurrentAsync(context, cancellationToken).ConfigureAwait(false);
                    DatasetGenerations.CheckAppend(current, request.Mode, request.Kind);
                    var options = request.Options with { DatasetCurrency = request.Mode == ImportMode.Append ? current?.Currency : null };
                    var writer = StagingWriter.Create(context, transaction);
                    await using (writer.ConfigureAwait(false))
                    {
                        reader = TransactionFileReader.Open(hashing, options);
                        reader.OnRejected = rejected.Add;
                        await writer.BeginAsync(batchId, cancellationToken).ConfigureAwait(false);
                        var staged = await StageAsync(reader, hashing, writer, totalBytes, progress, cancellationToken).ConfigureAwait(false);
                        cancellationToken.ThrowIfCancellationRequested();
                        await writer.EndStagingAsync(cancellationToken).ConfigureAwait(false);
                        hashing.ReadToEnd();
                        var summary = reader.Summary;
                        if (request.AllRowsOrNone && summary.RowsRejected > 0)
                        {
                            throw new ImportFileException(
                                ImportFailure.RowRejected,
                                $"{summary.RowsRejected:N0} row(s) were rejected, so nothing of the batch was stored.{(Rejected(summary).FirstOrDefault() is { } firstRejected ? $" The first: {firstRejected}." : string.Empty)}");
                        }

                        progress?.Report(new ImportProgress(summary.RowsRead, hashing.BytesRead, totalBytes, "Merging"));

                        var merged = await writer.MergeAsync(batchId, request.Mode, cancellationToken).ConfigureAwait(false);
                        await writer.AssignAcquisitionChannelsAsync(batchId, cancellationToken).ConfigureAwait(false);
                        var duplicates = summary.DuplicatesSkipped + (staged - merged.Imported);
                        // Every rejected row, not only the ones the summary keeps, so that all can be downloaded and fixed.
                        await writer.InsertProblemsAsync(batchId, rejected.ReadAll(), cancellationToken).ConfigureAwait(false);
                        var datasetId = await DatasetGenerations.RecordAsync(
                            context, current, request, batchId, summary.Currency, _time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
                        var zone = request.Options.BusinessTimeZone;
                        var firstDay = merged.Added.First is { } first ? PurchaseDay.Of(first, zone) : (DateOnly?)null;
                        var lastDay = merged.Added.Last is { } last ? PurchaseDay.Of(last, zone) : (DateOnly?)null;
                        await FinishBatchAsync(
                            context, batchId, _time.GetUtcNow().UtcDateTime, ImportStatus.Succeeded, hashing.Checksum(), reader.HeaderRecord, summary, merged.Imported,
                            duplicates, null, storeProblems: false, cancellationToken,
                            batch =>
                            {
                                batch.OrdersImported = merged.Orders;
                                batch.CustomersAdded = merged.NewCustomers;
                                batch.NetRevenue = merged.NetRevenue;
                                batch.Refunds = merged.Added.Refunds;
                                batch.FirstDay = firstDay;
                                batch.LastDay = lastDay;
                                batch.DatasetId = datasetId;
                            })
                            .ConfigureAwait(false);
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        progress?.Report(new ImportProgress(summary.RowsRead, hashing.BytesRead, totalBytes, "Done"));

                        return new ImportResult(
                            batchId,
                            nameof(ImportStatus.Succeeded),
                            summary.RowsRead,
                            merged.Orders,
                            merged.Imported,
                            merged.NewCustomers,
                            merged.NetRevenue,
                            duplicates,
                            summary.RowsRejected,
                            Rejected(summary).Take(MaxErrorsReturned).ToArray(),
                            summary.Layout.ToString(),
                            summary.Currency ?? string.Empty)
                        {
                            DatasetId = datasetId,
                            LinesUsed = summary.LinesUsed,
                            LinesRejected = summary.LinesRejected,
                            LinesExcluded = summary.LinesExcluded,
                            RejectedByReason = summary.RejectedByReason,
                            Refunds = merged.Added.Refunds,
                            FirstDay = firstDay,
                            LastDay = lastDay,
                        };
                    }
                }
            }
        }
        catch (Exception e)
        {
            // The data transaction is rolled back by now (disposed without commit); the failure is recorded on its own.
            // A full disk is said as such: the provider's words alone ("SQLite Error 13") do not tell what to do.
            var full = StoreFailures.IsDiskFull(e) ? new StoreFullException(e) : null;
            var message = e is OperationCanceledException ? CancelledMessage : full?.Message ?? e.Message;
            await RecordFailureAsync(batchId, hashing.Checksum(), reader?.HeaderRecord, reader?.Summary, message).ConfigureAwait(false);
            if (full is not null)
            {
                throw full;
            }

            throw;
        }
        finally
        {
            reader?.Dispose();
        }
    }

    // Parsing and hashing run on a worker thread while this one binds rows into the staging table, so that the
    // two halves, of similar cost on SQLite, overlap. Rows cross in chunks through a bounded channel: memory
    // stays flat and a slow database holds the reader back.
    private static async Task<long> StageAsync(
        TransactionFileReader reader, HashingReadStream hashing, StagingWriter writer, long? totalBytes, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var chunks = Channel.CreateBounded<ImportRow[]>(new BoundedChannelOptions(ChunksInFlight) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => Produce(reader, hashing, chunks.Writer, totalBytes, progress, stop.Token), stop.Token);
        var staged = 0L;
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in chunk)
                {
                    writer.Stage(row);
                }

                staged += chunk.Length;
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            // The reader must be idle before the caller disposes it or the stream under it.
            await Task.WhenAny(producer).ConfigureAwait(false);
            throw;
        }

        // Surfaces the reader's own failure (a bad file, cancellation) as it was thrown.
        await producer.ConfigureAwait(false);
        return staged;
    }

    private static async Task Produce(
        TransactionFileReader reader, HashingReadStream hashing, ChannelWriter<ImportRow[]> chunks, long? totalBytes, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        try
        {
            var chunk = new List<ImportRow>(RowsPerChunk);
            var read = 0L;
            foreach (var row in reader.ReadRows())
            {
                chunk.Add(row);
                if (chunk.Count == RowsPerChunk)
                {
                    await chunks.WriteAsync([.. chunk], cancellationToken).ConfigureAwait(false);
                    chunk.Clear();
                }

                if (++read % ProgressEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new ImportProgress(reader.Summary.RowsRead, hashing.BytesRead, totalBytes, "Reading"));
                }
            }

            if (chunk.Count > 0)
            {
                await chunks.WriteAsync([.. chunk], cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            chunks.TryComplete();
        }
    }

    private static IEnumerable<ImportProblem> Rejected(ImportReadSummary summary) =>
        summary.Problems.Where(p => p.Kind == ImportProblemKind.Rejected);

    private static string Settings(ImportRequest request) => JsonSerializer.Serialize(
        new
        {
            request.Mode,
            request.Options.Now,
            BusinessTimeZone = request.Options.BusinessTimeZone.Id,
            request.Options.Currency,
            request.Kind,
            DateOrder = request.Options.DateOrder.ToString(),
            DecimalSeparator = request.Options.DecimalSeparator.ToString(),
            request.Options.Mapping,
            request.Options.MaxLineLength,
            request.Options.DuplicateWindow,
            request.Options.CancellationPrefixes,
        },
        SettingsJson);

    private static async Task FinishBatchAsync(
        CltvDbContext context, long batchId, DateTime finishedAt, ImportStatus status, string checksum, string? header, ImportReadSummary? summary, long imported,
        long duplicates, string? failure, bool storeProblems, CancellationToken cancellationToken, Action<ImportBatch>? added = null)
    {
        var batch = await context.ImportBatches.SingleAsync(b => b.Id == batchId, cancellationToken).ConfigureAwait(false);
        batch.Status = status;
        batch.Checksum = checksum;
        batch.FinishedAtUtc = finishedAt;
        batch.RowsRead = summary?.RowsRead ?? 0;
        batch.RowsImported = imported;
        batch.DuplicatesSkipped = duplicates;
        batch.RowsRejected = summary?.RowsRejected ?? 0;
        batch.LinesUsed = summary?.LinesUsed ?? 0;
        batch.LinesRejected = summary?.LinesRejected ?? 0;
        batch.LinesExcluded = summary?.LinesExcluded ?? 0;
        batch.RejectedByReason = [.. summary?.RejectedByReason ?? []];
        batch.Currency = summary?.Currency;
        added?.Invoke(batch);
        batch.FailureMessage = failure;
        batch.Header = header;
        if (storeProblems && summary is not null)
        {
            // Duplicates are counted on the batch; only refused rows are kept, to be downloaded and fixed.
            foreach (var problem in Rejected(summary))
            {
                var (line, column, message, raw) = StagingWriter.Stored(problem);
                batch.Problems.Add(new StoredProblem { LineNumber = line, Column = column, Message = message, RawRecord = raw });
            }
        }

        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private async Task<long> StartBatchAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var context = CltvDatabase.CreateContext(_database);
        await using (context.ConfigureAwait(false))
        {
            var batch = new ImportBatch
            {
                FileName = Truncate(Path.GetFileName(request.FileName), 260),
                Checksum = string.Empty,
                ImportedBy = Truncate(string.IsNullOrWhiteSpace(request.ImportedBy) ? UnknownUser : request.ImportedBy, 256),
                StartedAtUtc = _time.GetUtcNow().UtcDateTime,
                Status = ImportStatus.Running,
                Mode = request.Mode,
                SettingsJson = Settings(request),
                UploadId = request.UploadId,
            };
            var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                context.ImportBatches.Add(batch);
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                if (request.UploadId is { } uploadId)
                {
                    await MarkInterruptedAsync(context, uploadId, batch.Id, batch.StartedAtUtc, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return batch.Id;
        }
    }

    // An upload is imported by one worker at a time, so an earlier import of it still marked running is one whose
    // process stopped before it committed or recorded a failure: nothing of it was stored, and this import redoes it.
    // One that failed cancelled was stopped by a shutdown and is redone alike. One that failed for its own reason (the
    // web application keeps such an upload for another try with other settings) stays failed with its reason, and is
    // linked to this retry.
    private static async Task MarkInterruptedAsync(CltvDbContext context, Guid uploadId, long redoneBy, DateTime now, CancellationToken cancellationToken)
    {
        await context.ImportBatches
            .Where(b => b.UploadId == uploadId && b.Id != redoneBy
                && (b.Status == ImportStatus.Running || (b.Status == ImportStatus.Failed && b.RedoneByBatchId == null && b.FailureMessage == CancelledMessage)))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(b => b.Status, ImportStatus.Interrupted)
                    .SetProperty(b => b.FinishedAtUtc, now)
                    .SetProperty(b => b.RedoneByBatchId, redoneBy)
                    .SetProperty(b => b.FailureMessage, InterruptedMessage),
                cancellationToken)
            .ConfigureAwait(false);
        await context.ImportBatches
            .Where(b => b.UploadId == uploadId && b.Id != redoneBy && b.Status == ImportStatus.Failed && b.RedoneByBatchId == null)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.RedoneByBatchId, redoneBy), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task RecordFailureAsync(long batchId, string checksum, string? header, ImportReadSummary? summary, string message)
    {
        var context = CltvDatabase.CreateContext(_database);
        await using (context.ConfigureAwait(false))
        {
            // Recorded even when the import was cancelled: the cancelled token must not stop the record of it.
            // The rows found so far that the summary keeps: enough to see why the file failed.
            await FinishBatchAsync(
                context, batchId, _time.GetUtcNow().UtcDateTime, ImportStatus.Failed, checksum, header, summary, 0, summary?.DuplicatesSkipped ?? 0, message,
                storeProblems: true, CancellationToken.None)
                .ConfigureAwait(false);
        }
    }
}
