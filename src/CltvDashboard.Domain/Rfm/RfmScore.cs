namespace CltvDashboard.Domain.Rfm;

/// <summary>One customer's RFM measures, 1–5 scores and segment.</summary>
/// <param name="CustomerId">The customer's identifier.</param>
/// <param name="RecencyDays">Days from the last purchase occasion to the as-of date.</param>
/// <param name="Frequency">Purchase occasions, the first included.</param>
/// <param name="Monetary">Net revenue, refunds deducted.</param>
/// <param name="RecencyScore">R, 1–5; 5 for the most recent customers.</param>
/// <param name="FrequencyScore">F, 1–5; 5 for the most frequent.</param>
/// <param name="MonetaryScore">M, 1–5; 5 for the highest net revenue.</param>
/// <param name="FrequencyMonetaryScore">FM, 1–5: the mean of F and M rounded half up.</param>
/// <param name="Segment">The segment of the (R, FM) cell in the grid used.</param>
public sealed record RfmScore(
    string CustomerId,
    int RecencyDays,
    int Frequency,
    decimal Monetary,
    int RecencyScore,
    int FrequencyScore,
    int MonetaryScore,
    int FrequencyMonetaryScore,
    string Segment);

/// <summary>
/// The values that received one score on one measure, so that a reader can see where the quintile cuts fell.
/// Scores never decrease as a measure improves, so each band is an interval of values.
/// </summary>
/// <param name="Score">The score, 1–5.</param>
/// <param name="Lowest">The smallest value given this score (days, occasions or currency); null when no customer got it.</param>
/// <param name="Highest">The largest value given this score; null when no customer got it.</param>
/// <param name="Customers">Customers with this score.</param>
public sealed record RfmScoreBand(int Score, decimal? Lowest, decimal? Highest, int Customers);

/// <summary>
/// The quintile cuts actually used, per measure, as five bands each (score 1 first). For recency the bands run
/// the other way: score 5 holds the fewest days since the last purchase.
/// </summary>
/// <param name="Recency">Bands of days since the last purchase.</param>
/// <param name="Frequency">Bands of purchase occasions.</param>
/// <param name="Monetary">Bands of net revenue.</param>
public sealed record RfmThresholds(
    IReadOnlyList<RfmScoreBand> Recency,
    IReadOnlyList<RfmScoreBand> Frequency,
    IReadOnlyList<RfmScoreBand> Monetary);

/// <summary>How many customers fell in a segment.</summary>
/// <param name="Segment">The segment's name.</param>
/// <param name="Customers">Customers in it; 0 is listed too.</param>
public sealed record RfmSegmentCount(string Segment, int Customers);

/// <summary>How many customers fell in one cell of the grid.</summary>
/// <param name="RecencyScore">R, 1–5.</param>
/// <param name="FrequencyMonetaryScore">FM, 1–5.</param>
/// <param name="Segment">The cell's segment.</param>
/// <param name="Customers">Customers in the cell; 0 is listed too.</param>
public sealed record RfmCellCount(int RecencyScore, int FrequencyMonetaryScore, string Segment, int Customers);

/// <summary>The outcome of <see cref="RfmAnalysis.Score(IEnumerable{RfmInput}, RfmSegmentGrid?)"/>.</summary>
/// <param name="Customers">One row per customer, in input order.</param>
/// <param name="Thresholds">The quintile cuts used for R, F and M.</param>
/// <param name="Grid">The segment grid applied.</param>
/// <param name="SegmentCounts">Customers per segment, in the grid's segment order, empty segments included.</param>
/// <param name="CellCounts">Customers per (R, FM) cell, R ascending then FM ascending, all 25 cells.</param>
public sealed record RfmResult(
    IReadOnlyList<RfmScore> Customers,
    RfmThresholds Thresholds,
    RfmSegmentGrid Grid,
    IReadOnlyList<RfmSegmentCount> SegmentCounts,
    IReadOnlyList<RfmCellCount> CellCounts);
