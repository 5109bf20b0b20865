using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>What the person importing chose for one file; anything left null comes from the stored business settings.</summary>
public sealed record ImportChoices
{
    /// <summary>The columns to use; null to use the detected layout.</summary>
    public ColumnMapping? Mapping { get; init; }

    /// <summary>The acquisition channel's column over a detected layout; see <see cref="ImportOptions.ChannelColumn"/>.</summary>
    public string? ChannelColumn { get; init; }

    /// <summary>How to read ambiguous dates.</summary>
    public DateOrder DateOrder { get; init; }

    /// <summary>How to read amounts.</summary>
    public DecimalSeparator DecimalSeparator { get; init; }

    /// <summary>The currency of rows that name none; null for the current dataset's when appending, else the currency setting.</summary>
    public string? Currency { get; init; }

    /// <summary>The business's time zone for this file; null for the stored setting.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>
    /// How to read the file: these choices over the stored settings. The one place the web upload (its preview, its
    /// checks and its import) and <c>cltv import</c> turn settings into <see cref="ImportOptions"/>, so that both read
    /// a file alike.
    /// </summary>
    /// <remarks>
    /// The currency of rows that name none is the one chosen for the file, else, when appending, the current dataset's,
    /// else the currency setting. Rows that name a currency keep it: when the file starts a dataset (a replacing
    /// import, an empty store) the first currency its rows name or get becomes the dataset's, so that a replace sets
    /// it anew; when appending, <see cref="TransactionImporter"/> binds every row to the dataset's currency.
    /// </remarks>
    /// <param name="settings">The stored business settings (time zone, currency of rows that name none).</param>
    /// <param name="appendingTo">The currency of the dataset the file is appended to; null when it starts a dataset.</param>
    /// <param name="now">The current time, against which future dates are refused.</param>
    public ImportOptions ToOptions(BusinessSettings settings, string? appendingTo, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ImportOptions
        {
            Now = now,
            BusinessTimeZone = TimeZone ?? TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZoneId),
            Currency = Currency ?? appendingTo ?? settings.CurrencyCode,
            DatasetCurrency = appendingTo,
            DateOrder = DateOrder,
            DecimalSeparator = DecimalSeparator,
            Mapping = Mapping,
            ChannelColumn = Mapping is null ? ChannelColumn : null,
        };
    }
}
