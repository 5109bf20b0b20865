using CltvDashboard.Domain.Rfm;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>The value tiers a run assigns.</summary>
public static class ValueTiers
{
    /// <summary>The most valuable customers.</summary>
    public const string Top = "Top";

    /// <summary>The middle tier.</summary>
    public const string Middle = "Middle";

    /// <summary>The rest.</summary>
    public const string Low = "Low";
}

/// <summary>The churn-risk bands a run assigns.</summary>
public static class ChurnRiskBands
{
    /// <summary>P(alive) below the high-risk threshold.</summary>
    public const string High = "High";

    /// <summary>Between the thresholds.</summary>
    public const string Medium = "Medium";

    /// <summary>Above the medium-risk threshold.</summary>
    public const string Low = "Low";
}

/// <summary>The order segments are shown in, per segmentation.</summary>
public static class SegmentNames
{
    private static readonly Dictionary<string, int> RfmPositions =
        RfmSegments.All.Select((segment, index) => (segment, index)).ToDictionary(p => p.segment, p => p.index, StringComparer.Ordinal);

    private static readonly string[] TierOrder = [ValueTiers.Top, ValueTiers.Middle, ValueTiers.Low];
    private static readonly string[] RiskOrder = [ChurnRiskBands.High, ChurnRiskBands.Medium, ChurnRiskBands.Low];

    /// <summary>The position of an RFM segment in <see cref="RfmSegments.All"/>, best first; unknown names last.</summary>
    /// <param name="segment">The segment's name.</param>
    public static int SegmentOrder(string segment) => RfmPositions.TryGetValue(segment, out var index) ? index : int.MaxValue;

    /// <summary>
    /// The display position of a segment within its segmentation: RFM best first, value tiers top first, churn risk
    /// high first; 0 for segmentations without an order of their own, and unknown names last.
    /// </summary>
    /// <param name="segmentation">One of <see cref="Segmentations.All"/>.</param>
    /// <param name="segment">The segment's name.</param>
    public static int Position(string segmentation, string segment) => segmentation switch
    {
        Segmentations.Rfm => SegmentOrder(segment),
        Segmentations.ValueTier => IndexIn(TierOrder, segment),
        Segmentations.ChurnRisk => IndexIn(RiskOrder, segment),
        _ => 0,
    };

    private static int IndexIn(string[] order, string segment) => Array.IndexOf(order, segment) is var i && i >= 0 ? i : int.MaxValue;
}
