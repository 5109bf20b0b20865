using CltvDashboard.Domain.Rfm;

namespace CltvDashboard.Domain.Segmentation;

/// <summary>The ways a run segments its customers: their keys, titles, display order and which ones track movement.</summary>
public static class Segmentations
{
    /// <summary>The RFM segment (Champions, Loyal, …).</summary>
    public const string Rfm = "rfm";

    /// <summary>Top, Middle and Low tiers by predicted CLV.</summary>
    public const string ValueTier = "value-tier";

    /// <summary>High, Medium and Low churn risk by P(alive).</summary>
    public const string ChurnRisk = "churn-risk";

    /// <summary>The month of the first purchase occasion, as yyyy-MM.</summary>
    public const string AcquisitionCohort = "cohort";

    /// <summary>The acquisition channel.</summary>
    public const string AcquisitionChannel = "channel";

    /// <summary>The segment of customers a segmentation cannot place: no channel, or no model for P(alive).</summary>
    public const string Unknown = "Unknown";

    /// <summary>Every segmentation, in display order.</summary>
    public static IReadOnlyList<SegmentationDefinition> Definitions { get; } =
    [
        new(Rfm, "RFM segments", TracksMovement: true, RfmSegments.All),
        new(ValueTier, "Value tiers", TracksMovement: true, ValueTierRule.Tiers),
        new(ChurnRisk, "Churn risk", TracksMovement: true, ChurnRiskRule.Bands),
        new(AcquisitionCohort, "Acquisition cohorts", TracksMovement: false, Segments: null),
        new(AcquisitionChannel, "Acquisition channels", TracksMovement: false, Segments: null),
    ];

    /// <summary>The keys of <see cref="Definitions"/>, in display order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Definitions.Select(d => d.Key)];

    /// <summary>The segmentations whose movement between runs is stored, in display order.</summary>
    public static IReadOnlyList<SegmentationDefinition> Tracked { get; } = [.. Definitions.Where(d => d.TracksMovement)];

    /// <summary>The segmentation of a key; null for a key that is none.</summary>
    /// <param name="key">One of <see cref="All"/>.</param>
    public static SegmentationDefinition? Find(string? key) => Definitions.FirstOrDefault(d => d.Key == key);

    /// <summary>The segmentation of a key.</summary>
    /// <param name="key">One of <see cref="All"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">No segmentation has that key.</exception>
    public static SegmentationDefinition Get(string key) =>
        Find(key) ?? throw new ArgumentOutOfRangeException(nameof(key), key, $"Unknown segmentation '{key}'; use one of {string.Join(", ", All)}.");

    /// <summary>The channel segment of a customer: the channel, or <see cref="Unknown"/> without one.</summary>
    /// <param name="channel">The customer's acquisition channel, if the data names one.</param>
    public static string ChannelSegment(string? channel) => string.IsNullOrEmpty(channel) ? Unknown : channel;

    /// <summary>The cohort segment of a customer acquired in a month, as yyyy-MM.</summary>
    /// <param name="cohort">Any day of the acquisition month (the first, as runs store it).</param>
    public static string CohortSegment(DateOnly cohort) => cohort.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One way of segmenting customers.</summary>
/// <param name="Key">The key stored with its segment totals and used in addresses (<c>rfm</c>, <c>value-tier</c>, …).</param>
/// <param name="Title">Its heading for people.</param>
/// <param name="TracksMovement">Whether the movement of customers between its segments from run to run is stored.</param>
/// <param name="Segments">Its segments in display order when they are fixed; null when the data names them (months, channels).</param>
public sealed record SegmentationDefinition(string Key, string Title, bool TracksMovement, IReadOnlyList<string>? Segments)
{
    /// <summary>
    /// A segment's place in display order: its index in <see cref="Segments"/>; segments the list does not name come
    /// after, and all segments of a data-named segmentation share one place (so that a stable sort keeps their order).
    /// </summary>
    /// <param name="segment">The segment's name.</param>
    public int Position(string segment)
    {
        if (Segments is null)
        {
            return 0;
        }

        for (var i = 0; i < Segments.Count; i++)
        {
            if (Segments[i] == segment)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
