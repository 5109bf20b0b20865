namespace CltvDashboard.Domain.Rfm;

/// <summary>
/// The names of the segments of <see cref="RfmSegmentGrid.Default"/>, the customary eleven-segment reading of
/// the recency × frequency-monetary grid. Other grids may use other names.
/// </summary>
public static class RfmSegments
{
    /// <summary>Bought recently, often and for a lot.</summary>
    public const string Champions = "Champions";

    /// <summary>Buy regularly and for a fair amount.</summary>
    public const string Loyal = "Loyal";

    /// <summary>Recent customers with some repeat value who could become loyal.</summary>
    public const string PotentialLoyalist = "Potential Loyalist";

    /// <summary>Bought very recently, little so far.</summary>
    public const string New = "New";

    /// <summary>Recent buyers with little value yet.</summary>
    public const string Promising = "Promising";

    /// <summary>Middling recency and modest value.</summary>
    public const string NeedAttention = "Need Attention";

    /// <summary>Middling recency and little value.</summary>
    public const string AboutToSleep = "About to Sleep";

    /// <summary>Were valuable, have not bought for a while.</summary>
    public const string AtRisk = "At Risk";

    /// <summary>The most valuable customers, gone quiet for the longest.</summary>
    public const string CantLoseThem = "Can't Lose Them";

    /// <summary>Low value and not seen for a while.</summary>
    public const string Hibernating = "Hibernating";

    /// <summary>Low value and not seen for the longest.</summary>
    public const string Lost = "Lost";

    /// <summary>The eleven names, from the most to the least engaged.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Champions, Loyal, PotentialLoyalist, New, Promising, NeedAttention,
        AboutToSleep, AtRisk, CantLoseThem, Hibernating, Lost,
    ];
}
