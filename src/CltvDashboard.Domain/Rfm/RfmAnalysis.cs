using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Rfm;

/// <summary>
/// Quintile RFM scoring (Hughes 1994, <i>Strategic Database Marketing</i>; Fader, Hardie &amp; Lee 2005, JMR
/// 42(4)) with a tie-safe rank, and segmentation on a recency × frequency-monetary grid.
/// </summary>
/// <remarks>
/// <para>
/// Scores. For each measure, with n customers and b = the number of customers whose value is strictly worse,
/// the score is <c>1 + floor(5 · b / n)</c>. Worse means smaller for frequency and monetary value and more days
/// for recency, so the most recent customers score 5. On n distinct values this gives quintiles, exact when n
/// is a multiple of 5 (1..100 puts 1–20 in score 1, 81–100 in score 5); with ties, equal values share the rank
/// of the first of them (the minimum rank), so
/// they always get the same score whatever the row order, and a value shared by many customers pushes the
/// next value up instead of being split across scores. When every value is equal every score is 1; when 60% of
/// customers bought once (the CDNOW sample: 1,411 of 2,357), all of them get F = 1, and customers with two
/// occasions get F = 1 + floor(5 · 1,411 / 2,357) = 3, leaving F = 2 empty.
/// </para>
/// <para>
/// FM = the mean of F and M rounded half up, <c>(F + M + 1) / 2</c> in integers, so FM stays within 1–5 and a
/// customer strong on one of the two is not dragged down to the lower score.
/// </para>
/// </remarks>
public static class RfmAnalysis
{
    /// <summary>Scores customers from their summaries as of a date (see <see cref="RfmInput.FromSummary"/>).</summary>
    /// <param name="customers">Summaries, one per customer.</param>
    /// <param name="asOf">The reference date for recency, normally the summary's calibration end.</param>
    /// <param name="grid">The segment grid; <see cref="RfmSegmentGrid.Default"/> when null.</param>
    /// <exception cref="ArgumentException">A customer's last purchase is after <paramref name="asOf"/>, or an identifier repeats.</exception>
    public static RfmResult Score(IEnumerable<CustomerSummary> customers, DateOnly asOf, RfmSegmentGrid? grid = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return Score(customers.Select(c => RfmInput.FromSummary(c, asOf)), grid);
    }

    /// <summary>Scores customers and assigns each a segment.</summary>
    /// <param name="customers">RFM measures, one per customer.</param>
    /// <param name="grid">The segment grid; <see cref="RfmSegmentGrid.Default"/> when null.</param>
    /// <exception cref="ArgumentException">An input is invalid (see <see cref="RfmInput.Validate"/>) or an identifier repeats.</exception>
    public static RfmResult Score(IEnumerable<RfmInput> customers, RfmSegmentGrid? grid = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        grid ??= RfmSegmentGrid.Default;
        var inputs = customers.ToList();
        var seen = new HashSet<string>(inputs.Count, StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (input is null)
            {
                throw new ArgumentException("An RFM input is missing.", nameof(customers));
            }

            input.Validate();
            if (!seen.Add(input.CustomerId))
            {
                throw new ArgumentException($"Customer {input.CustomerId} appears more than once.", nameof(customers));
            }
        }

        var n = inputs.Count;
        var recency = new decimal[n];
        var frequency = new decimal[n];
        var monetary = new decimal[n];
        for (var i = 0; i < n; i++)
        {
            recency[i] = inputs[i].RecencyDays;
            frequency[i] = inputs[i].Frequency;
            monetary[i] = inputs[i].Monetary;
        }

        var r = QuintileScores.Compute(recency, higherIsBetter: false);
        var f = QuintileScores.Compute(frequency, higherIsBetter: true);
        var m = QuintileScores.Compute(monetary, higherIsBetter: true);

        var rows = new RfmScore[n];
        var cellCounts = new int[RfmSegmentGrid.Levels, RfmSegmentGrid.Levels];
        for (var i = 0; i < n; i++)
        {
            var fm = CombineFrequencyMonetary(f[i], m[i]);
            cellCounts[r[i] - 1, fm - 1]++;
            var input = inputs[i];
            rows[i] = new RfmScore(
                input.CustomerId, input.RecencyDays, input.Frequency, input.Monetary,
                r[i], f[i], m[i], fm, grid.SegmentOf(r[i], fm));
        }

        var cells = grid.Cells
            .Select(c => new RfmCellCount(
                c.RecencyScore, c.FrequencyMonetaryScore, c.Segment,
                cellCounts[c.RecencyScore - 1, c.FrequencyMonetaryScore - 1]))
            .ToList();
        var segments = grid.Segments
            .Select(s => new RfmSegmentCount(s, cells.Where(c => c.Segment == s).Sum(c => c.Customers)))
            .ToList();
        var thresholds = new RfmThresholds(
            QuintileScores.Bands(recency, r),
            QuintileScores.Bands(frequency, f),
            QuintileScores.Bands(monetary, m));

        return new RfmResult(rows, thresholds, grid, segments, cells);
    }

    /// <summary>FM: the mean of F and M rounded half up.</summary>
    /// <param name="frequencyScore">F, 1–5.</param>
    /// <param name="monetaryScore">M, 1–5.</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 1–5.</exception>
    public static int CombineFrequencyMonetary(int frequencyScore, int monetaryScore)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frequencyScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequencyScore, RfmSegmentGrid.Levels);
        ArgumentOutOfRangeException.ThrowIfLessThan(monetaryScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(monetaryScore, RfmSegmentGrid.Levels);
        return (frequencyScore + monetaryScore + 1) / 2;
    }
}

/// <summary>The tie-safe quintile rank described on <see cref="RfmAnalysis"/>.</summary>
internal static class QuintileScores
{
    public static int[] Compute(decimal[] values, bool higherIsBetter)
    {
        var n = values.Length;
        var scores = new int[n];
        if (n == 0)
        {
            return scores;
        }

        // Sorting worst-first and giving each run of equal values the position of its first element is the
        // "minimum rank" of a tie, which is what makes the score independent of row order.
        var keys = new decimal[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = higherIsBetter ? values[i] : -values[i];
            order[i] = i;
        }

        Array.Sort(keys, order);
        var runStart = 0;
        for (var position = 0; position < n; position++)
        {
            if (keys[position] != keys[runStart])
            {
                runStart = position;
            }

            scores[order[position]] = 1 + (int)(RfmSegmentGrid.Levels * (long)runStart / n);
        }

        return scores;
    }

    public static IReadOnlyList<RfmScoreBand> Bands(decimal[] values, int[] scores)
    {
        var lowest = new decimal?[RfmSegmentGrid.Levels];
        var highest = new decimal?[RfmSegmentGrid.Levels];
        var counts = new int[RfmSegmentGrid.Levels];
        for (var i = 0; i < values.Length; i++)
        {
            var s = scores[i] - 1;
            counts[s]++;
            if (lowest[s] is not { } low || values[i] < low)
            {
                lowest[s] = values[i];
            }

            if (highest[s] is not { } high || values[i] > high)
            {
                highest[s] = values[i];
            }
        }

        var bands = new RfmScoreBand[RfmSegmentGrid.Levels];
        for (var s = 0; s < bands.Length; s++)
        {
            bands[s] = new RfmScoreBand(s + 1, lowest[s], highest[s], counts[s]);
        }

        return bands;
    }
}
