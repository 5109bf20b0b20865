namespace CltvDashboard.Domain.Segmentation;

/// <summary>
/// Value tiers: customers ranked by value, highest first; the top share is <see cref="Top"/>, the next share
/// <see cref="Middle"/>, the rest <see cref="Low"/>.
/// </summary>
/// <param name="TopShare">Share of customers in the top tier, 0–1.</param>
/// <param name="MiddleShare">Share of customers in the middle tier, 0–1; with <paramref name="TopShare"/> at most 1.</param>
public sealed record ValueTierRule(double TopShare, double MiddleShare)
{
    /// <summary>The most valuable customers.</summary>
    public const string Top = "Top";

    /// <summary>The middle tier.</summary>
    public const string Middle = "Middle";

    /// <summary>The rest.</summary>
    public const string Low = "Low";

    /// <summary>The tiers, in display order.</summary>
    public static IReadOnlyList<string> Tiers { get; } = [Top, Middle, Low];

    /// <summary>Each customer's tier.</summary>
    /// <param name="values">Each customer's value (predicted CLV, or revenue when no model could be fitted).</param>
    /// <returns>The tiers, in the order of <paramref name="values"/>.</returns>
    public string[] Assign(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = values.Count;
        var keys = new double[count];
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = -values[i];
            order[i] = i;
        }

        Array.Sort(keys, order);
        var top = (int)Math.Ceiling(count * TopShare);
        var middle = (int)Math.Ceiling(count * (TopShare + MiddleShare));
        var tiers = new string[count];
        for (var rank = 0; rank < count; rank++)
        {
            tiers[order[rank]] = rank < top ? Top : rank < middle ? Middle : Low;
        }

        return tiers;
    }
}
