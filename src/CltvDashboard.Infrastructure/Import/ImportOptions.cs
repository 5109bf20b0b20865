using System.ComponentModel.DataAnnotations;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>How to read dates written with slashes, dots or dashes around a day and a month, such as 03/04/2025.</summary>
public enum DateOrder
{
    /// <summary>
    /// Not chosen: a date is read when only one order makes sense (13/04/2025 is day-first); a date valid both
    /// ways is reported as ambiguous. <see cref="ImportPreview.SuggestedDateOrder"/> proposes the order to choose.
    /// </summary>
    [Display(Name = "Not chosen")]
    Unspecified,

    /// <summary>Day, month, year: 03/04/2025 is 3 April 2025.</summary>
    [Display(Name = "Day first (3 April)")]
    DayFirst,

    /// <summary>Month, day, year: 03/04/2025 is 4 March 2025.</summary>
    [Display(Name = "Month first (March 4)")]
    MonthFirst,
}

/// <summary>Which character separates the whole part of an amount from its cents.</summary>
public enum DecimalSeparator
{
    /// <summary>
    /// Decided per value: with both '.' and ',' present the later one is the decimal separator; a lone separator
    /// followed by exactly three digits (1,234 or 1.234) groups thousands; otherwise a lone separator is the decimal one.
    /// </summary>
    [Display(Name = "Auto (decided per amount)")]
    Auto,

    /// <summary>'.' is the decimal separator; ',' groups thousands (1,234.50).</summary>
    [Display(Name = "Point (1,234.50)")]
    Point,

    /// <summary>',' is the decimal separator; '.' groups thousands (1.234,50).</summary>
    [Display(Name = "Comma (1.234,50)")]
    Comma,
}

/// <summary>Settings of one read of a transaction file.</summary>
public sealed record ImportOptions
{
    /// <summary>
    /// The instant after which a transaction is "in the future" and reported; passed in so that the same file
    /// gives the same result whenever it is read.
    /// </summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The business's time zone: times written without an offset are taken on its clock.</summary>
    public TimeZoneInfo BusinessTimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// The currency (ISO 4217) of rows that name none: chosen for the file, else the dataset's. Unless
    /// <see cref="DatasetCurrency"/> fixes another, the first currency a row names or gets becomes the dataset's and
    /// rows in any other are reported, never summed. When no currency is known for a row that names none, the row is
    /// refused, and a file without a currency column whose first row names none fails with
    /// <see cref="ImportFailure.NoCurrency"/>.
    /// </summary>
    public string? Currency { get; init; }

    /// <summary>
    /// The currency of the dataset the rows are appended to, which every row must be in; null when the file starts a
    /// dataset (a replacing import, an empty store) and its rows decide. <see cref="TransactionImporter"/> sets it from
    /// the store, in the import's own transaction.
    /// </summary>
    public string? DatasetCurrency { get; init; }

    /// <summary>How to read dates whose day and month could be swapped.</summary>
    public DateOrder DateOrder { get; init; } = DateOrder.Unspecified;

    /// <summary>How to read the decimal separator of amounts.</summary>
    public DecimalSeparator DecimalSeparator { get; init; } = DecimalSeparator.Auto;

    /// <summary>The columns to use when the headers match no known export; when set, detection is skipped.</summary>
    public ColumnMapping? Mapping { get; init; }

    /// <summary>
    /// Without <see cref="Mapping"/>: the column to read as the acquisition channel in place of the one the detected
    /// layout reads (a Country column, which is never detected as one); null keeps the layout's.
    /// </summary>
    public string? ChannelColumn { get; init; }

    /// <summary>The longest line accepted, in characters; a longer one fails the file (it is usually not a CSV).</summary>
    public int MaxLineLength { get; init; } = 1 << 20;

    /// <summary>The earliest purchase day a row may have (in <see cref="BusinessTimeZone"/>); earlier rows are rejected.</summary>
    public DateOnly EarliestDay { get; init; } = ImportLimits.DefaultEarliestDay;

    /// <summary>How many problems are kept in the summary; all are counted.</summary>
    public int MaxProblemsKept { get; init; } = 1000;

    /// <summary>
    /// How many hashes of rows with an order reference are remembered to find orders listed twice within the file;
    /// beyond it, repeats are left to the store's dedupe, which keeps memory flat on files of any size.
    /// </summary>
    public int DuplicateWindow { get; init; } = 1_000_000;

    /// <summary>Invoice number prefixes that mark a line-item invoice as a cancellation (the UCI Online Retail data uses 'C').</summary>
    public IReadOnlyList<string> CancellationPrefixes { get; init; } = ["C"];
}
