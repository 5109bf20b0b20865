using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// The rules of dataset generations, applied inside an import's or a removal's own transaction: which dataset an
/// import goes into, that the demo never mixes with the business's data, and what of a demo is removed.
/// </summary>
internal static class DatasetGenerations
{
    /// <summary>The current dataset: the newest.</summary>
    public static Task<Dataset?> CurrentAsync(CltvDbContext context, CancellationToken cancellationToken) =>
        context.Datasets.AsNoTracking().OrderByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Refuses an import that would append one kind of data to the other: the demo's rows and the business's own would
    /// be counted as one customer base (the sums mix two businesses, and usually two currencies).
    /// </summary>
    /// <exception cref="ImportFileException">The import appends demo rows to the business's data, or the reverse.</exception>
    public static void CheckAppend(Dataset? current, ImportMode mode, DatasetKind kind)
    {
        if (mode != ImportMode.Append || current is null || current.Kind == kind)
        {
            return;
        }

        throw new ImportFileException(
            ImportFailure.OtherDataset,
            kind == DatasetKind.Own
                ? "The store holds only the demo data, which never mixes with your own: import the file in Replace mode to replace the demo, or remove the demo data first."
                : "The store holds your own data; the demo is never added to it.");
    }

    /// <summary>
    /// Records the dataset a committed merge stored its rows in: a new generation for a replacing import or the first
    /// import, else the current one (given the file's currency if it had none). A replaced demo is removed with
    /// everything computed from it. Runs in the import's transaction, after the merge.
    /// </summary>
    /// <returns>The dataset's id.</returns>
    public static async Task<long> RecordAsync(
        CltvDbContext context, Dataset? current, ImportRequest request, long batchId, string? currency, DateTime now, CancellationToken cancellationToken)
    {
        if (request.Mode == ImportMode.Append && current is not null)
        {
            if (current.Currency is null && currency is not null)
            {
                await context.Datasets.Where(d => d.Id == current.Id && d.Currency == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(d => d.Currency, currency), cancellationToken).ConfigureAwait(false);
            }

            return current.Id;
        }

        if (current is { Kind: DatasetKind.Demo })
        {
            await RemoveComputedAsync(context, current.Id, cancellationToken).ConfigureAwait(false);
        }

        var dataset = new Dataset
        {
            Kind = request.Kind,
            Currency = currency,
            CreatedAtUtc = now,
            FileName = Path.GetFileName(request.FileName),
            CreatedBy = string.IsNullOrWhiteSpace(request.ImportedBy) ? "unknown" : request.ImportedBy,
            ImportBatchId = batchId,
        };
        context.Datasets.Add(dataset);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return dataset.Id;
    }

    /// <summary>
    /// Deletes a dataset's runs with all their results, its imports with their rejected rows, and the dataset itself;
    /// the caller deletes its transactions and customers. Used for the demo only: the business's own replaced
    /// datasets keep their runs, listed but never compared.
    /// </summary>
    /// <returns>The runs and the imports deleted.</returns>
    public static async Task<(int Runs, int Imports)> RemoveComputedAsync(CltvDbContext context, long datasetId, CancellationToken cancellationToken)
    {
        var runs = context.CalculationRuns.Where(r => r.DatasetId == datasetId);
        foreach (var table in RunDataStore.ResultTables)
        {
            // The table names are the code's own constants, never input.
#pragma warning disable EF1002
            await context.Database.ExecuteSqlRawAsync(
                $"DELETE FROM {table} WHERE calculation_run_id IN (SELECT id FROM calculation_runs WHERE dataset_id = {{0}})",
                [datasetId],
                cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1002
        }

        var runCount = await runs.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await context.ImportProblems.Where(p => context.ImportBatches.Any(b => b.Id == p.ImportBatchId && b.DatasetId == datasetId))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        // Earlier imports of the demo that failed or were redone stored nothing, but they are the demo's too.
        await context.ImportBatches.Where(b => b.RedoneByBatchId != null && context.ImportBatches.Any(r => r.Id == b.RedoneByBatchId && r.DatasetId == datasetId))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await context.Datasets.Where(d => d.Id == datasetId).ExecuteUpdateAsync(set => set.SetProperty(d => d.ImportBatchId, (long?)null), cancellationToken).ConfigureAwait(false);
        var importCount = await context.ImportBatches.Where(b => b.DatasetId == datasetId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await context.Datasets.Where(d => d.Id == datasetId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return (runCount, importCount);
    }
}
