using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace CltvDashboard.Web.Pages.Segments;

/// <summary>Segments: the RFM grid, a table per segmentation with shares of customers and value, suggested actions and the migration since the previous run.</summary>
public sealed class IndexModel : DashboardPageModel
{
    /// <summary>The segmentations with a table, and their headings.</summary>
    public static readonly IReadOnlyList<(string Key, string Title, string Explanation)> Tables =
    [
        Table(Segmentations.Rfm, "Groups by how recently, how often and how much customers bought."),
        Table(Segmentations.ValueTier, "Customers ranked by predicted value: the top tier, the middle and the rest."),
        Table(Segmentations.ChurnRisk, "How likely customers are to stay away: bands of the model's chance that each buys again within the window of days set in Settings."),
        Table(Segmentations.AcquisitionChannel, "Where customers came from, when the data says so."),
    ];

    /// <summary>The segmentations whose movement between runs is stored, and their names on the selector.</summary>
    public static readonly IReadOnlyList<(string Key, string Title)> MigrationSegmentations =
        [.. Segmentations.Tracked.Select(s => (s.Key, s.Title))];

    private readonly SegmentsQueries _segments;

    public IndexModel(RunContextQueries runContext, SegmentsQueries segments)
        : base(runContext) => _segments = segments;

    /// <summary>The RFM grid's cells.</summary>
    public IReadOnlyList<RfmGridCellSummary> Grid { get; private set; } = [];

    /// <summary>Each segmentation's rows.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SegmentRow>> Rows { get; private set; } = new Dictionary<string, IReadOnlyList<SegmentRow>>();

    /// <summary>Which segmentation's movement to show: <c>rfm</c> (default), <c>value-tier</c> or <c>churn-risk</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Migration { get; set; }

    /// <summary>The movement the current run stored for <see cref="MigrationSegmentation"/>; without cells for a first run.</summary>
    public SegmentMigrationMatrix? Moves { get; private set; }

    /// <summary>The segmentation of <see cref="Moves"/>: <see cref="Migration"/> when it names one, else RFM.</summary>
    public string MigrationSegmentation => MigrationSegmentations.Any(m => m.Key == Migration) ? Migration! : Segmentations.Rfm;

    /// <summary>The share chart.</summary>
    public ChartView? ShareChart { get; private set; }

    /// <summary>Reads the current run's segments.</summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        if (Run is null)
        {
            return;
        }

        Grid = await _segments.RfmGridAsync(Run.Id, cancellationToken);
        var rows = new Dictionary<string, IReadOnlyList<SegmentRow>>();
        foreach (var (key, _, _) in Tables)
        {
            var table = await _segments.SegmentsAsync(Run.Id, key, cancellationToken);
            var segmentation = Segmentations.Get(key);
            rows[key] = [.. table.OrderBy(r => segmentation.Position(r.Segment))];
        }

        Rows = rows;
        Moves = await _segments.StoredMigrationAsync(Run.Id, MigrationSegmentation, cancellationToken);

        var rfm = rows[Segmentations.Rfm];
        ShareChart = new ChartView("segment-shares", "bar", new ChartSpec(
            "Share of customers vs share of predicted value",
            "Segment",
            "Share",
            rfm.Select(r => r.Segment).ToList(),
            [
                new ChartSeries("Share of customers", rfm.Select(r => (double?)r.CustomerShare).ToList()),
                new ChartSeries("Share of predicted value", rfm.Select(r => (double?)r.ValueShare).ToList()),
            ],
            "percent") { Horizontal = true }, Format, Tall: true);
    }

    /// <summary>The grid cell at a recency and frequency-monetary score, if any customer is in it.</summary>
    /// <param name="recency">R, 1–5.</param>
    /// <param name="frequencyMonetary">FM, 1–5.</param>
    public RfmGridCellSummary? Cell(int recency, int frequencyMonetary) =>
        Grid.FirstOrDefault(c => c.RecencyScore == recency && c.FrequencyMonetaryScore == frequencyMonetary);

    /// <summary>The colour step (0–5) of a cell: its rank by mean CLV among the non-empty cells.</summary>
    /// <param name="cell">The cell.</param>
    public int Heat(RfmGridCellSummary cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var values = Grid.Select(c => c.MeanClv ?? 0).Order().ToList();
        if (values.Count < 2)
        {
            return 3;
        }

        var rank = values.IndexOf(cell.MeanClv ?? 0);
        return (int)Math.Round(5.0 * rank / (values.Count - 1));
    }

    /// <summary>The colour step (0–5) of a migration cell: its share of its row, so that each row reads as where that segment went.</summary>
    /// <param name="from">The segment before (null: new customers).</param>
    /// <param name="to">The segment now (null: gone).</param>
    public int MoveHeat(string? from, string? to)
    {
        var total = Moves?.RowTotal(from) ?? 0;
        return total == 0 ? 0 : (int)Math.Round(5.0 * Moves!.Customers(from, to) / total);
    }

    private static (string Key, string Title, string Explanation) Table(string key, string explanation) =>
        (key, Segmentations.Get(key).Title, explanation);
}
