using CltvDashboard.Domain.Rfm;
using CltvDashboard.Domain.Segmentation;

namespace CltvDashboard.Domain.Tests.Segmentation;

public class SegmentationsTests
{
    [Fact]
    public void Segmentations_are_listed_in_display_order() =>
        Segmentations.All.Should().Equal("rfm", "value-tier", "churn-risk", "cohort", "channel");

    [Fact]
    public void Movement_is_tracked_for_rfm_tiers_and_bands_only() =>
        Segmentations.Tracked.Select(s => s.Key).Should().Equal(Segmentations.Rfm, Segmentations.ValueTier, Segmentations.ChurnRisk);

    [Fact]
    public void Fixed_segments_sort_in_their_order_and_unknown_ones_last()
    {
        var tiers = Segmentations.Get(Segmentations.ValueTier);
        var rfm = Segmentations.Get(Segmentations.Rfm);

        new[] { "Low", Segmentations.Unknown, "Top", "Middle" }.OrderBy(tiers.Position).Should().Equal("Top", "Middle", "Low", Segmentations.Unknown);
        rfm.Position(RfmSegments.Champions).Should().Be(0);
        rfm.Position(RfmSegments.Lost).Should().Be(RfmSegments.All.Count - 1);
    }

    [Fact]
    public void Data_named_segments_keep_their_order()
    {
        var channels = Segmentations.Get(Segmentations.AcquisitionChannel);

        new[] { "web", "shop", Segmentations.Unknown }.OrderBy(channels.Position).Should().Equal("web", "shop", Segmentations.Unknown);
    }

    [Fact]
    public void Customers_without_a_channel_are_in_the_unknown_channel()
    {
        Segmentations.ChannelSegment(null).Should().Be("Unknown");
        Segmentations.ChannelSegment("").Should().Be("Unknown");
        Segmentations.ChannelSegment("web").Should().Be("web");
        Segmentations.CohortSegment(new DateOnly(1997, 3, 1)).Should().Be("1997-03");
    }
}
