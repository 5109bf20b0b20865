namespace CltvDashboard.Domain.Rfm;

/// <summary>An inclusive range of 1–5 scores.</summary>
/// <param name="Lowest">The lowest score in the range, 1–5.</param>
/// <param name="Highest">The highest score in the range, from <paramref name="Lowest"/> to 5.</param>
public readonly record struct RfmScoreRange(int Lowest, int Highest)
{
    /// <summary>The range holding one score.</summary>
    public static RfmScoreRange Only(int score) => new(score, score);

    /// <summary>Whether <paramref name="score"/> lies in the range.</summary>
    public bool Contains(int score) => score >= Lowest && score <= Highest;

    /// <summary>The range as written in grids and messages: <c>3</c> or <c>4–5</c>.</summary>
    public override string ToString() => Lowest == Highest ? $"{Lowest}" : $"{Lowest}–{Highest}";
}

/// <summary>One rule of an <see cref="RfmSegmentGrid"/>: the cells it claims for a segment.</summary>
/// <param name="Segment">The segment's name, shown to users.</param>
/// <param name="Recency">The recency scores (R) the rule covers.</param>
/// <param name="FrequencyMonetary">The combined frequency-monetary scores (FM) the rule covers.</param>
public sealed record RfmSegmentRule(string Segment, RfmScoreRange Recency, RfmScoreRange FrequencyMonetary)
{
    /// <summary>The rule as written in messages: <c>Champions (R 4–5, FM 4–5)</c>.</summary>
    public override string ToString() => $"{Segment} (R {Recency}, FM {FrequencyMonetary})";
}

/// <summary>One cell of the 5 × 5 grid and the segment it belongs to.</summary>
/// <param name="RecencyScore">R, 1–5, 5 the most recent.</param>
/// <param name="FrequencyMonetaryScore">FM, 1–5, 5 the most frequent and valuable.</param>
/// <param name="Segment">The segment of the first rule covering the cell.</param>
public sealed record RfmGridCell(int RecencyScore, int FrequencyMonetaryScore, string Segment);

/// <summary>
/// Maps each cell of the recency (R) × frequency-monetary (FM) grid to a named segment. The grid is data: an
/// ordered list of rules, the first rule covering a cell wins it, so an overlapping rule placed earlier carves
/// its cells out of a broader one placed later.
/// </summary>
/// <remarks>
/// A grid is checked when it is built: every one of the 25 cells must be covered, and every rule must win at
/// least one cell (a rule entirely hidden behind earlier ones is a mistake in the grid, not a harmless
/// leftover). Both faults are reported together, naming the cells and rules concerned.
/// </remarks>
public sealed class RfmSegmentGrid
{
    /// <summary>The number of score levels per axis: scores run from 1 to this value.</summary>
    public const int Levels = 5;

    private readonly string[] _segmentByCell;

    /// <summary>Builds a grid from rules in precedence order (first match wins).</summary>
    /// <param name="rules">The rules, highest precedence first; ranges within 1–5, segment names not blank.</param>
    /// <exception cref="ArgumentException">
    /// A rule is malformed, a cell is covered by no rule, or a rule never wins a cell; the message names them.
    /// </exception>
    public RfmSegmentGrid(IEnumerable<RfmSegmentRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("An RFM segment grid needs at least one rule.", nameof(rules));
        }

        for (var i = 0; i < list.Count; i++)
        {
            ValidateRule(list[i], i + 1);
        }

        _segmentByCell = new string[Levels * Levels];
        var wins = new int[list.Count];
        var cells = new List<RfmGridCell>(Levels * Levels);
        var holes = new List<string>();
        for (var r = 1; r <= Levels; r++)
        {
            for (var fm = 1; fm <= Levels; fm++)
            {
                var winner = list.FindIndex(rule => rule.Recency.Contains(r) && rule.FrequencyMonetary.Contains(fm));
                if (winner < 0)
                {
                    holes.Add($"(R = {r}, FM = {fm})");
                    continue;
                }

                wins[winner]++;
                _segmentByCell[CellIndex(r, fm)] = list[winner].Segment;
                cells.Add(new RfmGridCell(r, fm, list[winner].Segment));
            }
        }

        var problems = new List<string>();
        if (holes.Count > 0)
        {
            problems.Add($"no rule covers {string.Join(", ", holes)}");
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (wins[i] == 0)
            {
                problems.Add($"rule {i + 1} {list[i]} never applies because earlier rules take every cell it covers");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The RFM segment grid is invalid: {string.Join("; ", problems)}.", nameof(rules));
        }

        Rules = list;
        Cells = cells;
        Segments = [.. list.Select(rule => rule.Segment).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The customary eleven-segment grid (names in <see cref="RfmSegments"/>), rows R = 1..5, columns FM = 1..5:
    /// <code>
    /// R5: New          Potential Loyalist  Loyal    Champions        Champions
    /// R4: Promising    Potential Loyalist  Loyal    Champions        Champions
    /// R3: About to Sleep  Need Attention   Loyal    Loyal            Loyal
    /// R2: Hibernating  Hibernating         At Risk  At Risk          At Risk
    /// R1: Lost         Lost                At Risk  Can't Lose Them  Can't Lose Them
    /// </code>
    /// Champions precede Loyal and Can't Lose Them precedes At Risk, which is how the broader rules keep
    /// their rectangular form.
    /// </summary>
    public static RfmSegmentGrid Default { get; } = new(
    [
        new(RfmSegments.Champions, new(4, 5), new(4, 5)),
        new(RfmSegments.Loyal, new(3, 5), new(3, 5)),
        new(RfmSegments.PotentialLoyalist, new(4, 5), RfmScoreRange.Only(2)),
        new(RfmSegments.New, RfmScoreRange.Only(5), RfmScoreRange.Only(1)),
        new(RfmSegments.Promising, RfmScoreRange.Only(4), RfmScoreRange.Only(1)),
        new(RfmSegments.NeedAttention, RfmScoreRange.Only(3), RfmScoreRange.Only(2)),
        new(RfmSegments.AboutToSleep, RfmScoreRange.Only(3), RfmScoreRange.Only(1)),
        new(RfmSegments.CantLoseThem, RfmScoreRange.Only(1), new(4, 5)),
        new(RfmSegments.AtRisk, new(1, 2), new(3, 5)),
        new(RfmSegments.Hibernating, RfmScoreRange.Only(2), new(1, 2)),
        new(RfmSegments.Lost, RfmScoreRange.Only(1), new(1, 2)),
    ]);

    /// <summary>The rules in precedence order.</summary>
    public IReadOnlyList<RfmSegmentRule> Rules { get; }

    /// <summary>The 25 cells with their segment, R ascending then FM ascending: the lookup table a heatmap draws.</summary>
    public IReadOnlyList<RfmGridCell> Cells { get; }

    /// <summary>The distinct segment names in the order their first rule appears.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>The segment of a cell.</summary>
    /// <param name="recencyScore">R, 1–5.</param>
    /// <param name="frequencyMonetaryScore">FM, 1–5.</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 1–5.</exception>
    public string SegmentOf(int recencyScore, int frequencyMonetaryScore)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recencyScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recencyScore, Levels);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequencyMonetaryScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequencyMonetaryScore, Levels);
        return _segmentByCell[CellIndex(recencyScore, frequencyMonetaryScore)];
    }

    private static int CellIndex(int recencyScore, int frequencyMonetaryScore) =>
        ((recencyScore - 1) * Levels) + frequencyMonetaryScore - 1;

    private static void ValidateRule(RfmSegmentRule? rule, int position)
    {
        if (rule is null)
        {
            throw new ArgumentException($"Rule {position} of the RFM segment grid is missing.");
        }

        if (string.IsNullOrWhiteSpace(rule.Segment))
        {
            throw new ArgumentException($"Rule {position} of the RFM segment grid has no segment name.");
        }

        if (!IsValid(rule.Recency) || !IsValid(rule.FrequencyMonetary))
        {
            throw new ArgumentException(
                $"Rule {position} {rule}: score ranges must lie within 1–{Levels} with the lowest score first.");
        }
    }

    private static bool IsValid(RfmScoreRange range) =>
        range.Lowest >= 1 && range.Highest <= Levels && range.Lowest <= range.Highest;
}
