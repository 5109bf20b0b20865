namespace CltvDashboard.Domain.Analysis;

/// <summary>One bar of a <see cref="ValueHistogram"/>: the customers whose value is from <see cref="From"/> up to <see cref="To"/>.</summary>
/// <param name="From">Lower bound, inclusive, in money.</param>
/// <param name="To">Upper bound, exclusive; null for the open top bar.</param>
/// <param name="Customers">Customers in the bar.</param>
/// <param name="Total">Their summed value.</param>
public sealed record ValueBar(decimal From, decimal? To, int Customers, decimal Total);

/// <summary>
/// How customers' predicted values are spread, in bars a reader can compare. Customer values are heavily skewed (on
/// CDNOW 60 % of customers lie between $5 and $7 and the top 1 % beyond $400), so equal-width bars put most customers
/// in the first one. The bars' edges are quantiles instead — the deciles, then the 95th and 99th percentiles so the
/// valuable tail stays visible — rounded to two significant figures (at least to the cent) so that they read as
/// amounts; each bar thus holds about a tenth of the customers, fewer in the top three, unless many customers share
/// one value.
/// </summary>
public static class ValueHistogram
{
    private static readonly double[] EdgeQuantiles = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99];

    /// <summary>The bars of a set of values.</summary>
    /// <param name="sortedValues">The customers' values in ascending order, in money.</param>
    /// <returns>The bars from the lowest value up, the last one open; empty for no values.</returns>
    public static IReadOnlyList<ValueBar> Bars(IReadOnlyList<decimal> sortedValues)
    {
        ArgumentNullException.ThrowIfNull(sortedValues);
        var count = sortedValues.Count;
        if (count == 0)
        {
            return [];
        }

        var low = Math.Min(0m, Math.Floor(sortedValues[0]));
        var edges = new List<decimal> { low };
        foreach (var q in EdgeQuantiles)
        {
            // The value at the quantile by the nearest-rank rule.
            var edge = Round(sortedValues[Math.Clamp((int)Math.Ceiling(q * count) - 1, 0, count - 1)]);
            if (edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        var bars = new List<ValueBar>(edges.Count);
        var index = 0;
        for (var i = 0; i < edges.Count; i++)
        {
            decimal? to = i + 1 < edges.Count ? edges[i + 1] : null;
            var customers = 0;
            var total = 0m;
            while (index < count && (to is null || sortedValues[index] < to))
            {
                customers++;
                total += sortedValues[index++];
            }

            bars.Add(new ValueBar(edges[i], to, customers, total));
        }

        return bars;
    }

    // Two significant figures, and never finer than a cent: 5.3264 → 5.3, 139.06 → 140, 0.0042 → 0.
    private static decimal Round(decimal value)
    {
        if (value == 0)
        {
            return 0;
        }

        var magnitude = (int)Math.Floor(Math.Log10((double)Math.Abs(value)));
        var decimals = Math.Max(-magnitude + 1, -10);
        if (decimals >= 0)
        {
            return Math.Round(value, Math.Min(decimals, 2), MidpointRounding.AwayFromZero);
        }

        var scale = (decimal)Math.Pow(10, -decimals);
        return Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale;
    }
}
