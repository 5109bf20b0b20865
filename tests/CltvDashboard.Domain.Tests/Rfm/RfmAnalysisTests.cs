using CltvDashboard.Domain.Rfm;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Rfm;

public class RfmAnalysisTests
{
    [Fact]
    public void Shuffled_input_gives_each_customer_the_same_scores()
    {
        var random = new Random(20240601);
        var inputs = Enumerable.Range(1, 500)
            .Select(i => new RfmInput($"c{i}", random.Next(0, 30), random.Next(1, 4), random.Next(0, 8) * 5m))
            .ToList();
        var shuffled = inputs.OrderBy(_ => random.Next()).ToList();

        var forward = RfmAnalysis.Score(inputs).Customers.ToDictionary(c => c.CustomerId);
        var reordered = RfmAnalysis.Score(shuffled).Customers;

        reordered.Should().AllSatisfy(c => c.Should().Be(forward[c.CustomerId]));
    }

    [Fact]
    public void Equal_values_always_get_equal_scores()
    {
        var random = new Random(7);
        var inputs = Enumerable.Range(1, 300)
            .Select(i => new RfmInput($"c{i}", random.Next(0, 5), random.Next(1, 3), random.Next(0, 3)))
            .ToList();

        var scores = RfmAnalysis.Score(inputs).Customers;

        scores.GroupBy(c => c.RecencyDays).Should().AllSatisfy(g => g.Select(c => c.RecencyScore).Distinct().Should().ContainSingle());
        scores.GroupBy(c => c.Frequency).Should().AllSatisfy(g => g.Select(c => c.FrequencyScore).Distinct().Should().ContainSingle());
        scores.GroupBy(c => c.Monetary).Should().AllSatisfy(g => g.Select(c => c.MonetaryScore).Distinct().Should().ContainSingle());
    }

    [Fact]
    public void All_equal_values_give_every_customer_the_same_score()
    {
        var inputs = Enumerable.Range(1, 37).Select(i => new RfmInput($"c{i}", 12, 3, 40m));

        var scores = RfmAnalysis.Score(inputs).Customers;

        scores.Select(c => (c.RecencyScore, c.FrequencyScore, c.MonetaryScore)).Distinct().Should().Equal((1, 1, 1));
    }

    [Fact]
    public void Values_one_to_a_hundred_split_into_exact_quintiles()
    {
        var inputs = Enumerable.Range(1, 100).Select(k => new RfmInput($"c{k}", k, k, k));

        var result = RfmAnalysis.Score(inputs);

        foreach (var customer in result.Customers)
        {
            var quintile = ((customer.Frequency - 1) / 20) + 1;
            customer.FrequencyScore.Should().Be(quintile);
            customer.MonetaryScore.Should().Be(quintile);
            customer.RecencyScore.Should().Be(6 - quintile, "fewer days since the last purchase is better");
        }

        result.Thresholds.Frequency.Should().Equal(
            Enumerable.Range(1, 5).Select(s => new RfmScoreBand(s, (20 * (s - 1)) + 1, 20 * s, 20)));
        result.Thresholds.Recency.Should().Equal(
            Enumerable.Range(1, 5).Select(s => new RfmScoreBand(s, (20 * (5 - s)) + 1, 20 * (6 - s), 20)));
    }

    [Fact]
    public void Tied_values_share_the_rank_of_the_first_of_them()
    {
        // n = 10; score = 1 + floor(5 * b / 10) with b the count strictly below: 1 -> b 0, 2 -> b 6, 3 -> b 7, 4 -> b 8, 5 -> b 9.
        int[] frequencies = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5];
        var inputs = frequencies.Select((f, i) => new RfmInput($"c{i}", 0, f, 0m));

        var scores = RfmAnalysis.Score(inputs).Customers.Select(c => c.FrequencyScore);

        scores.Should().Equal(1, 1, 1, 1, 1, 1, 4, 4, 5, 5);
    }

    [Fact]
    public void More_recent_customers_score_higher_on_recency()
    {
        var inputs = new[] { new RfmInput("old", 300, 2, 10m), new RfmInput("recent", 1, 2, 10m), new RfmInput("middle", 90, 2, 10m) };

        var scores = RfmAnalysis.Score(inputs).Customers.ToDictionary(c => c.CustomerId, c => c.RecencyScore);

        scores["recent"].Should().BeGreaterThan(scores["middle"]);
        scores["middle"].Should().BeGreaterThan(scores["old"]);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 2, 2)]
    [InlineData(2, 3, 3)]
    [InlineData(1, 5, 3)]
    [InlineData(4, 5, 5)]
    [InlineData(3, 3, 3)]
    [InlineData(5, 1, 3)]
    public void Frequency_monetary_is_the_mean_rounded_half_up(int frequency, int monetary, int expected)
    {
        RfmAnalysis.CombineFrequencyMonetary(frequency, monetary).Should().Be(expected);
    }

    [Fact]
    public void Segment_is_the_grid_cell_of_recency_and_frequency_monetary()
    {
        var random = new Random(11);
        var inputs = Enumerable.Range(1, 400)
            .Select(i => new RfmInput($"c{i}", random.Next(0, 365), random.Next(1, 10), random.Next(0, 500)));

        var result = RfmAnalysis.Score(inputs);

        result.Customers.Should().AllSatisfy(c =>
        {
            c.FrequencyMonetaryScore.Should().Be(RfmAnalysis.CombineFrequencyMonetary(c.FrequencyScore, c.MonetaryScore));
            c.Segment.Should().Be(RfmSegmentGrid.Default.SegmentOf(c.RecencyScore, c.FrequencyMonetaryScore));
        });
        result.CellCounts.Sum(c => c.Customers).Should().Be(400);
        result.CellCounts.Should().AllSatisfy(cell => cell.Customers.Should().Be(result.Customers.Count(
            c => c.RecencyScore == cell.RecencyScore && c.FrequencyMonetaryScore == cell.FrequencyMonetaryScore)));
    }

    [Fact]
    public void Summary_factory_measures_recency_from_the_last_purchase()
    {
        var summary = new CustomerSummary("a", new(2024, 1, 1), new(2024, 3, 1), 2, 60, 90, 15, 55m, 0, 0m);

        var input = RfmInput.FromSummary(summary, new DateOnly(2024, 3, 31));

        input.Should().Be(new RfmInput("a", 30, 3, 55m));
        FluentActions.Invoking(() => RfmInput.FromSummary(summary, new DateOnly(2024, 2, 1)))
            .Should().Throw<ArgumentException>().WithMessage("*before customer a's last purchase*");
    }

    [Fact]
    public void Invalid_or_repeated_customers_are_rejected()
    {
        FluentActions.Invoking(() => RfmAnalysis.Score([new RfmInput("a", 1, 0, 1m)]))
            .Should().Throw<ArgumentException>().WithMessage("*frequency*");
        FluentActions.Invoking(() => RfmAnalysis.Score([new RfmInput("a", -1, 1, 1m)]))
            .Should().Throw<ArgumentException>().WithMessage("*recency*");
        FluentActions.Invoking(() => RfmAnalysis.Score([new RfmInput("a", 1, 1, 1m), new RfmInput("a", 2, 1, 1m)]))
            .Should().Throw<ArgumentException>().WithMessage("*a appears more than once*");
    }

    [Fact]
    public void No_customers_give_empty_bands_and_zero_counts()
    {
        var result = RfmAnalysis.Score(Array.Empty<RfmInput>());

        result.Customers.Should().BeEmpty();
        result.Thresholds.Monetary.Should().AllSatisfy(b => b.Should().Match<RfmScoreBand>(x => x.Customers == 0 && x.Lowest == null));
        result.SegmentCounts.Should().HaveCount(11).And.AllSatisfy(s => s.Customers.Should().Be(0));
    }

    [Fact]
    public void Cdnow_sample_one_time_buyers_all_share_the_lowest_frequency_score()
    {
        var result = RfmAnalysis.Score(Cdnow.SampleSummary.Customers, Cdnow.CalibrationEnd);

        var oneTime = result.Customers.Where(c => c.Frequency == 1).ToList();
        oneTime.Should().HaveCount(1411);
        oneTime.Should().AllSatisfy(c => c.FrequencyScore.Should().Be(1));
        result.Customers.Where(c => c.Frequency > 1).Should().AllSatisfy(c => c.FrequencyScore.Should().BeGreaterThan(1));
        result.Thresholds.Frequency[0].Should().Be(new RfmScoreBand(1, 1, 1, 1411));
    }

    [Fact]
    public void Cdnow_sample_segments_cover_every_customer_once()
    {
        var result = RfmAnalysis.Score(Cdnow.SampleSummary.Customers, Cdnow.CalibrationEnd);

        result.SegmentCounts.Select(s => s.Segment).Should().BeEquivalentTo(RfmSegments.All);
        result.SegmentCounts.Sum(s => s.Customers).Should().Be(2357);
        result.SegmentCounts.Should().AllSatisfy(s => s.Customers.Should().Be(result.Customers.Count(c => c.Segment == s.Segment)));
        result.Customers.Should().NotContain(
            c => c.Segment == RfmSegments.New,
            "the sample is the first-quarter 1997 cohort, so a one-time buyer last bought six months before the as-of date and is never among the most recent fifth");
    }

    [Fact]
    public void Cdnow_sample_score_bands_are_ordered_intervals()
    {
        var result = RfmAnalysis.Score(Cdnow.SampleSummary.Customers, Cdnow.CalibrationEnd);

        AssertOrdered(result.Thresholds.Frequency, ascending: true);
        AssertOrdered(result.Thresholds.Monetary, ascending: true);
        AssertOrdered(result.Thresholds.Recency, ascending: false);
        result.Thresholds.Recency.Sum(b => b.Customers).Should().Be(2357);
    }

    private static void AssertOrdered(IReadOnlyList<RfmScoreBand> bands, bool ascending)
    {
        var used = bands.Where(b => b.Customers > 0).ToList();
        used.Should().AllSatisfy(b => b.Lowest.Should().BeLessThanOrEqualTo(b.Highest!.Value));
        for (var i = 1; i < used.Count; i++)
        {
            if (ascending)
            {
                used[i].Lowest.Should().BeGreaterThan(used[i - 1].Highest!.Value);
            }
            else
            {
                used[i].Highest.Should().BeLessThan(used[i - 1].Lowest!.Value);
            }
        }
    }
}
