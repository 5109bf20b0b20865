using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// Importing a file into the dataset, as the web upload and <c>cltv import</c> both do it: options built from the
/// stored settings and the person's choices (<see cref="ImportChoices.ToOptions"/>), the rows stored by
/// <see cref="TransactionImporter"/>, and the currency the first import finds adopted as the dataset's.
/// </summary>
public sealed class DatasetImport(CltvContextFactory contexts, TimeProvider time)
{
    /// <summary>The options a file would be read with now, for a preview.</summary>
    public async Task<ImportOptions> OptionsAsync(ImportChoices choices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return choices.ToOptions(await SettingsAsync(cancellationToken).ConfigureAwait(false), time.GetUtcNow());
    }

    /// <summary>Imports a file in one transaction, then adopts its currency when the dataset has none yet.</summary>
    /// <param name="file">The file, positioned at its start; left open.</param>
    /// <param name="fileName">The file's name without its folder, recorded on the import batch.</param>
    /// <param name="choices">What the person chose; the rest comes from the stored settings.</param>
    /// <param name="mode">Append to or replace the dataset.</param>
    /// <param name="importedBy">Who started the import.</param>
    /// <param name="uploadId">The saved upload the file is, when it is one; see <see cref="ImportRequest.UploadId"/>.</param>
    /// <param name="progress">Receives the import's progress.</param>
    /// <param name="cancellationToken">Stops the import; nothing is stored then.</param>
    /// <exception cref="ImportFileException">The file cannot be imported at all; the message says why.</exception>
    public async Task<ImportResult> ImportAsync(
        Stream file, string fileName, ImportChoices choices, ImportMode mode, string? importedBy, Guid? uploadId, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken = default)
    {
        var options = await OptionsAsync(choices, cancellationToken).ConfigureAwait(false);
        var request = new ImportRequest(fileName, options, mode, importedBy) { UploadId = uploadId };
        var result = await new TransactionImporter(contexts.Database, time).ImportAsync(file, request, progress, cancellationToken).ConfigureAwait(false);
        if (result.Currency.Length == 3)
        {
            await AdoptCurrencyAsync(result.Currency).ConfigureAwait(false);
        }

        return result;
    }

    // Only the first import names the dataset's currency; a conditional update cannot overwrite a currency an analyst
    // saved meanwhile, and bumping the version stales any settings form opened before. The rows are committed by
    // now, so this runs to the end even when the caller is being cancelled.
    private async Task AdoptCurrencyAsync(string currency)
    {
        var context = contexts.CreateDbContext();
        await using (context.ConfigureAwait(false))
        {
            await context.BusinessSettings
                .Where(s => s.Id == BusinessSettings.SingletonId && s.CurrencyCode == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.CurrencyCode, currency).SetProperty(s => s.Version, s => s.Version + 1))
                .ConfigureAwait(false);
        }
    }

    private async Task<BusinessSettings> SettingsAsync(CancellationToken cancellationToken)
    {
        var context = contexts.CreateDbContext();
        await using (context.ConfigureAwait(false))
        {
            return await context.BusinessSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The business settings are missing from the store; migrate it first.");
        }
    }
}
