using CltvDashboard.Domain.Rfm;

namespace CltvDashboard.Domain.Tests.Rfm;

public class RfmSegmentGridTests
{
    // The specified default grid, rows R = 1..5, columns FM = 1..5.
    private static readonly string[][] Specified =
    [
        [RfmSegments.Lost, RfmSegments.Lost, RfmSegments.AtRisk, RfmSegments.CantLoseThem, RfmSegments.CantLoseThem],
        [RfmSegments.Hibernating, RfmSegments.Hibernating, RfmSegments.AtRisk, RfmSegments.AtRisk, RfmSegments.AtRisk],
        [RfmSegments.AboutToSleep, RfmSegments.NeedAttention, RfmSegments.Loyal, RfmSegments.Loyal, RfmSegments.Loyal],
        [RfmSegments.Promising, RfmSegments.PotentialLoyalist, RfmSegments.Loyal, RfmSegments.Champions, RfmSegments.Champions],
        [RfmSegments.New, RfmSegments.PotentialLoyalist, RfmSegments.Loyal, RfmSegments.Champions, RfmSegments.Champions],
    ];

    [Fact]
    public void Default_grid_maps_every_cell_to_its_specified_segment()
    {
        var grid = RfmSegmentGrid.Default;

        grid.Cells.Should().HaveCount(25);
        grid.Cells.Select(c => (c.RecencyScore, c.FrequencyMonetaryScore)).Should().OnlyHaveUniqueItems();
        for (var r = 1; r <= 5; r++)
        {
            for (var fm = 1; fm <= 5; fm++)
            {
                grid.SegmentOf(r, fm).Should().Be(Specified[r - 1][fm - 1], $"cell (R = {r}, FM = {fm})");
                grid.Cells.Single(c => c.RecencyScore == r && c.FrequencyMonetaryScore == fm).Segment.Should().Be(Specified[r - 1][fm - 1]);
            }
        }
    }

    [Fact]
    public void Default_grid_uses_all_eleven_segments()
    {
        RfmSegmentGrid.Default.Segments.Should().BeEquivalentTo(RfmSegments.All);
        RfmSegments.All.Should().HaveCount(11).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Grid_with_an_uncovered_cell_is_rejected_naming_it()
    {
        var rules = RfmSegmentGrid.Default.Rules.Where(r => r.Segment != RfmSegments.Lost);

        FluentActions.Invoking(() => new RfmSegmentGrid(rules))
            .Should().Throw<ArgumentException>()
            .WithMessage("*no rule covers (R = 1, FM = 1), (R = 1, FM = 2)*");
    }

    [Fact]
    public void Grid_with_a_shadowed_rule_is_rejected_naming_it()
    {
        var rules = RfmSegmentGrid.Default.Rules.ToList();
        (rules[0], rules[1]) = (rules[1], rules[0]);

        FluentActions.Invoking(() => new RfmSegmentGrid(rules))
            .Should().Throw<ArgumentException>()
            .WithMessage("*rule 2 Champions (R 4–5, FM 4–5) never applies*");
    }

    [Fact]
    public void First_matching_rule_wins_an_overlapping_cell()
    {
        var grid = new RfmSegmentGrid(
        [
            new("Top", RfmScoreRange.Only(5), RfmScoreRange.Only(5)),
            new("Rest", new(1, 5), new(1, 5)),
        ]);

        grid.SegmentOf(5, 5).Should().Be("Top");
        grid.SegmentOf(5, 4).Should().Be("Rest");
        grid.Segments.Should().Equal("Top", "Rest");
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(3, 6)]
    [InlineData(4, 2)]
    public void Rule_with_a_range_outside_one_to_five_is_rejected(int lowest, int highest)
    {
        FluentActions.Invoking(() => new RfmSegmentGrid([new("All", new(lowest, highest), new(1, 5))]))
            .Should().Throw<ArgumentException>().WithMessage("*Rule 1 All*within 1–5*");
    }

    [Fact]
    public void Lookup_rejects_scores_outside_one_to_five()
    {
        FluentActions.Invoking(() => RfmSegmentGrid.Default.SegmentOf(0, 3)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => RfmSegmentGrid.Default.SegmentOf(3, 6)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
