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

    /// <summary>The currency of rows that name none; null for the dataset's stored currency.</summary>
    public string? Currency { get; init; }

    /// <summary>The business's time zone for this file; null for the stored setting.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>
    /// How to read the file: these choices over the stored settings. The one place the web upload (its preview and its
    /// import) and <c>cltv import</c> turn settings into <see cref="ImportOptions"/>, so that both read a file alike.
    /// </summary>
    /// <param name="settings">The stored business settings (time zone, dataset currency).</param>
    /// <param name="now">The current time, against which future dates are refused.</param>
    public ImportOptions ToOptions(BusinessSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ImportOptions
        {
            Now = now,
            BusinessTimeZone = TimeZone ?? TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZoneId),
            Currency = Currency ?? settings.CurrencyCode,
            DateOrder = DateOrder,
            DecimalSeparator = DecimalSeparator,
            Mapping = Mapping,
            ChannelColumn = Mapping is null ? ChannelColumn : null,
        };
    }
}
