using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// Importing a file into the store, as the web upload and <c>cltv import</c> both do it: options built from the
/// stored settings, the current dataset and the person's choices (<see cref="ImportChoices.ToOptions"/>), the rows
/// stored by <see cref="TransactionImporter"/>, which keeps the dataset generations.
/// </summary>
public sealed class DatasetImport(CltvContextFactory contexts, TimeProvider time)
{
    /// <summary>The current dataset (the newest generation); null for an empty store.</summary>
    public async Task<Dataset?> CurrentDatasetAsync(CancellationToken cancellationToken = default)
    {
        var context = contexts.CreateDbContext();
        await using (context.ConfigureAwait(false))
        {
            return await DatasetGenerations.CurrentAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The options a file would be read with now, for a preview and the checks before it is queued.</summary>
    /// <param name="choices">What the person chose.</param>
    /// <param name="mode">Append to the current dataset (whose currency then binds every row) or start a new one.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<ImportOptions> OptionsAsync(ImportChoices choices, ImportMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var context = contexts.CreateDbContext();
        await using (context.ConfigureAwait(false))
        {
            var settings = await context.BusinessSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The business settings are missing from the store; migrate it first.");
            var current = await DatasetGenerations.CurrentAsync(context, cancellationToken).ConfigureAwait(false);
            var options = choices.ToOptions(settings, mode == ImportMode.Append ? current?.Currency : null, time.GetUtcNow());
            return options;
        }
    }

    /// <summary>Imports a file in one transaction.</summary>
    /// <param name="file">The file, positioned at its start; left open.</param>
    /// <param name="fileName">The file's name without its folder, recorded on the import batch.</param>
    /// <param name="choices">What the person chose; the rest comes from the stored settings and the current dataset.</param>
    /// <param name="mode">Append to the current dataset or replace it with a new one.</param>
    /// <param name="importedBy">Who started the import.</param>
    /// <param name="uploadId">The saved upload the file is, when it is one; see <see cref="ImportRequest.UploadId"/>.</param>
    /// <param name="progress">Receives the import's progress.</param>
    /// <param name="kind">Whether the file is the bundled demo.</param>
    /// <param name="cancellationToken">Stops the import; nothing is stored then.</param>
    /// <exception cref="ImportFileException">The file cannot be imported at all; the message says why.</exception>
    public async Task<ImportResult> ImportAsync(
        Stream file, string fileName, ImportChoices choices, ImportMode mode, string? importedBy, Guid? uploadId, IProgress<ImportProgress>? progress,
        DatasetKind kind = DatasetKind.Own, CancellationToken cancellationToken = default)
    {
        var options = await OptionsAsync(choices, mode, cancellationToken).ConfigureAwait(false);
        var request = new ImportRequest(fileName, options, mode, importedBy) { UploadId = uploadId, Kind = kind };
        return await new TransactionImporter(contexts.Database, time).ImportAsync(file, request, progress, cancellationToken).ConfigureAwait(false);
    }
}
