using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Web.Imports;

/// <summary>
/// An uploaded file waiting to be imported, as saved next to it: what the user chose on the review page. Saved
/// as JSON so that an import interrupted by a shutdown is queued again from it on the next start.
/// </summary>
public sealed record PendingImport
{
    /// <summary>The upload's random id; also the saved file's name.</summary>
    public required Guid Id { get; init; }

    /// <summary>The client's file name without any folder, for display and the import batch only.</summary>
    public required string FileName { get; init; }

    /// <summary>The user who uploaded it (user name).</summary>
    public required string UploadedBy { get; init; }

    /// <summary>When it was uploaded.</summary>
    public required DateTime UploadedAtUtc { get; init; }

    /// <summary>Whether this is the bundled demo dataset, of which at most one import waits at a time.</summary>
    public bool Demo { get; init; }

    /// <summary>Whether the user confirmed the import (false while on the review page).</summary>
    public bool Queued { get; init; }

    /// <summary>The columns the user chose; null to use the detected layout.</summary>
    public ColumnMapping? Mapping { get; init; }

    /// <summary>With the detected layout: the column chosen as the acquisition channel, when the user chose one.</summary>
    public string? ChannelColumn { get; init; }

    /// <summary>How to read ambiguous dates.</summary>
    public DateOrder DateOrder { get; init; }

    /// <summary>How to read amounts.</summary>
    public DecimalSeparator DecimalSeparator { get; init; }

    /// <summary>The currency of rows that name none; null to use the dataset's.</summary>
    public string? Currency { get; init; }

    /// <summary>Append to or replace the dataset.</summary>
    public ImportMode Mode { get; init; } = ImportMode.Append;

    /// <summary>
    /// Why the last import of this file failed in the queue, when it did: the file is then kept, back on review with
    /// the choices above, for the user to change them and try again without uploading it again.
    /// </summary>
    public string? FailureMessage { get; init; }

    /// <summary>When the last import of this file failed; the clean-up counts a kept file's age from it.</summary>
    public DateTime? FailedAtUtc { get; init; }

    /// <summary>What the user chose, for <see cref="DatasetImport"/> to combine with the stored settings.</summary>
    public ImportChoices ToChoices() => new()
    {
        Mapping = Mapping,
        ChannelColumn = ChannelColumn,
        DateOrder = DateOrder,
        DecimalSeparator = DecimalSeparator,
        Currency = Currency,
    };
}
