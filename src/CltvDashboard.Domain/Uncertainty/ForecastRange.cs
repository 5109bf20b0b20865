namespace CltvDashboard.Domain.Uncertainty;

/// <summary>A forecast with its uncertainty: the figure the analysis reports, and the bounds it falls within with 80 % and 95 % probability.</summary>
/// <param name="MostLikely">The forecast itself, as the analysis reports it without a range (the expectation at the estimates).</param>
/// <param name="Low80">The 10 % point: the figure falls below it with probability at most 10 %.</param>
/// <param name="High80">The 90 % point: the figure falls above it with probability at most 10 %.</param>
/// <param name="Low95">The 2.5 % point.</param>
/// <param name="High95">The 97.5 % point.</param>
public readonly record struct ForecastRange(double MostLikely, double Low80, double High80, double Low95, double High95)
{
    /// <summary>Whether <paramref name="value"/> lies within the 80 % range, bounds included.</summary>
    public bool Within80(double value) => value >= Low80 && value <= High80;

    /// <summary>Whether <paramref name="value"/> lies within the 95 % range, bounds included.</summary>
    public bool Within95(double value) => value >= Low95 && value <= High95;

    /// <summary>The range of a total shared out over <paramref name="count"/> (a mean per customer from a total's range).</summary>
    /// <param name="count">How many the total is shared over; positive.</param>
    public ForecastRange Per(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return new(MostLikely / count, Low80 / count, High80 / count, Low95 / count, High95 / count);
    }

    /// <summary>
    /// The range of a figure that moves in proportion to this one (the same customers' CLV with every order worth 10 %
    /// more): each bound times <paramref name="factor"/>, the bounds swapped when the factor is negative so that Low stays
    /// below High.
    /// </summary>
    /// <param name="factor">A finite number.</param>
    public ForecastRange Scale(double factor)
    {
        if (!double.IsFinite(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "A range is scaled by a finite factor.");
        }

        return factor >= 0
            ? new(MostLikely * factor, Low80 * factor, High80 * factor, Low95 * factor, High95 * factor)
            : new(MostLikely * factor, High80 * factor, Low80 * factor, High95 * factor, Low95 * factor);
    }

    /// <summary>Half the 80 % range's width relative to the figure: 0.1 for "± 10 %"; +∞ for a figure of 0 with a range.</summary>
    public double RelativeHalfWidth80 => (High80 - Low80) / 2 / Math.Abs(MostLikely) is var w && double.IsFinite(w) ? w : (High80 > Low80 ? double.PositiveInfinity : 0);
}

/// <summary>The ranges of one group of customers' totals over a period (the whole base or one segment).</summary>
/// <param name="Customers">Customers in the group.</param>
/// <param name="Purchases">Their purchases in the period; whole numbers.</param>
/// <param name="Revenue">The value of those purchases, undiscounted; null without spend figures.</param>
/// <param name="Clv">Their CLV (discounted margin over the valuation horizon); null without spend figures.</param>
/// <param name="ActiveCustomers">How many of them are still active at the end of the data; whole numbers, most likely Σ P(alive).</param>
/// <param name="PurchasesParameterSpread">The standard deviation of the expected purchases over the parameter draws: the parameters' share of the spread.</param>
/// <param name="PurchasesProcessSpread">The standard deviation of the purchases given the estimates: the purchase process's share, which no data remove.</param>
public sealed record TotalRanges(
    int Customers,
    ForecastRange Purchases,
    ForecastRange? Revenue,
    ForecastRange? Clv,
    ForecastRange ActiveCustomers,
    double PurchasesParameterSpread,
    double PurchasesProcessSpread);

/// <summary>
/// Every customer's ranges, as columns so that a million customers are a few arrays, not a million objects. Index i is
/// the customer at index i of the histories the ranges were computed for.
/// </summary>
public sealed class CustomerRanges
{
    internal CustomerRanges(int count, bool withClv)
    {
        PurchasesLow80 = new int[count];
        PurchasesHigh80 = new int[count];
        PurchasesLow95 = new int[count];
        PurchasesHigh95 = new int[count];
        ClvLow80 = withClv ? new double[count] : null;
        ClvHigh80 = withClv ? new double[count] : null;
    }

    /// <summary>The 10 % point of each customer's purchases in the period: at most 10 % chance of fewer.</summary>
    public int[] PurchasesLow80 { get; }

    /// <summary>The 90 % point of each customer's purchases: at most 10 % chance of more.</summary>
    public int[] PurchasesHigh80 { get; }

    /// <summary>The 2.5 % point of each customer's purchases.</summary>
    public int[] PurchasesLow95 { get; }

    /// <summary>The 97.5 % point of each customer's purchases.</summary>
    public int[] PurchasesHigh95 { get; }

    /// <summary>
    /// Each customer's CLV at <see cref="PurchasesLow80"/> purchases: the count's 10 % point valued as the customer's expected
    /// CLV per expected purchase. The spread of what each purchase will be worth is not in it. Null without spend figures.
    /// </summary>
    public double[]? ClvLow80 { get; }

    /// <summary>Each customer's CLV at <see cref="PurchasesHigh80"/> purchases, valued as <see cref="ClvLow80"/>. Null without spend figures.</summary>
    public double[]? ClvHigh80 { get; }

    /// <summary>Customers ranged.</summary>
    public int Count => PurchasesLow80.Length;
}
