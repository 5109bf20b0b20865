using CltvDashboard.Infrastructure.Data.Configurations;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// What a row may hold to be stored: the reader rejects a row beyond these with its line and column, so that SQLite
/// and PostgreSQL accept and reject the same rows, and nothing stored can overflow a later sum.
/// </summary>
public static class ImportLimits
{
    /// <summary>
    /// The largest amount (and quantity), either way, in the dataset's currency: a trillion leaves the column's
    /// 18 digits room for sums of millions of rows, and no shop's single sale comes near it.
    /// </summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>The longest customer identifier or order reference, in characters (the columns' length).</summary>
    public const int MaxIdentifierLength = ColumnLengths.Identifier;

    /// <summary>The longest channel name, in characters (the column's length).</summary>
    public const int MaxChannelLength = ColumnLengths.Name;

    /// <summary>The earliest purchase day accepted unless the business sets another: no card or web shop sold before it.</summary>
    public static readonly DateOnly DefaultEarliestDay = new(1970, 1, 1);

    /// <summary>Whether <paramref name="amount"/> is within <see cref="MaxAmount"/> either way.</summary>
    public static bool IsWithin(decimal amount) => Math.Abs(amount) <= MaxAmount;

    internal static string AmountBeyond(ReadOnlySpan<char> written) =>
        $"'{ImportValueParser.Shorten(written)}' is beyond the amounts a row may hold (at most {MaxAmount:N0} either way)";

    internal static string TooLong(string what, int length, int limit) =>
        $"the {what} is {length:N0} characters long; at most {limit:N0} are kept";
}
