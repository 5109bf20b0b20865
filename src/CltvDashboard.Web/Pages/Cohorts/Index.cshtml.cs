using System.Globalization;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace CltvDashboard.Web.Pages.Cohorts;

/// <summary>
/// Cohorts (Analyst): retention or cumulative revenue per customer by acquisition month, LTV curves and cohort sizes,
/// for every customer or, when the data names acquisition channels, for the customers of one channel; all from the
/// cohort cells the run stored.
/// </summary>
public sealed class IndexModel : DashboardPageModel
{
    private const int CurvesShown = 12;
    private readonly CohortsQueries _cohorts;

    public IndexModel(RunContextQueries runContext, CohortsQueries cohorts)
        : base(runContext) => _cohorts = cohorts;

    /// <summary><c>retention</c> (default) or <c>revenue</c>: what the heatmap shows.</summary>
    [BindProperty(SupportsGet = true)]
    public string View { get; set; } = "retention";

    /// <summary>The acquisition channel to show; empty or unknown for every customer.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    /// <summary>The channels the run stored cohorts for; empty when the data names none, and the page then shows no selector.</summary>
    public IReadOnlyList<string> CohortChannels { get; private set; } = [];

    /// <summary>The channel shown: <see cref="Channel"/> when the run has it, else null for every customer.</summary>
    public string? SelectedChannel { get; private set; }

    /// <summary>The cells by cohort.</summary>
    public IReadOnlyList<IGrouping<DateOnly, CohortCell>> Cohorts { get; private set; } = [];

    /// <summary>The widest cohort's months.</summary>
    public int Months { get; private set; }

    /// <summary>Whether the heatmap shows revenue.</summary>
    public bool ShowsRevenue => View == "revenue";

    /// <summary>The LTV curves and the cohort sizes.</summary>
    public IReadOnlyList<ChartView> Charts { get; private set; } = [];

    /// <summary>The channel table, when channels are known.</summary>
    public IReadOnlyList<SegmentRow> Channels { get; private set; } = [];

    private double _maxRetention;
    private decimal _maxRevenue;

    /// <summary>Reads the current run's cohorts.</summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        if (Run is null)
        {
            return;
        }

        CohortChannels = await _cohorts.CohortChannelsAsync(Run.Id, cancellationToken);
        SelectedChannel = CohortChannels.FirstOrDefault(c => c == Channel);
        var cells = await _cohorts.ChannelCohortsAsync(Run.Id, SelectedChannel ?? RunCohortCell.AllChannels, cancellationToken);
        Cohorts = cells.GroupBy(c => c.AcquisitionMonth).ToList();
        Months = cells.Count == 0 ? 0 : cells.Max(c => c.MonthsSinceAcquisition) + 1;
        // Month 0 is 100 % by definition; the colour scale spans the later months so that their differences show.
        _maxRetention = cells.Where(c => c.MonthsSinceAcquisition > 0).Select(c => c.Retention).DefaultIfEmpty(1).Max();
        _maxRevenue = cells.Select(c => c.CumulativeRevenuePerCustomer).DefaultIfEmpty(1).Max();
        Channels = (await _cohorts.ChannelTableAsync(Run.Id, cancellationToken)).Where(c => c.Segment != Segmentations.Unknown).ToList();

        var currency = Dashboard.CurrencyCode;
        var through = SelectedChannel is null ? "" : $" ({SelectedChannel})";
        var curves = Cohorts.TakeLast(CurvesShown).ToList();
        Charts =
        [
            new ChartView("cohort-ltv", "line", new ChartSpec(
                "Cumulative revenue per customer by cohort" + through,
                "Months since first purchase",
                $"Revenue per customer ({currency})",
                Enumerable.Range(0, Months).Select(m => m.ToString(CultureInfo.InvariantCulture)).ToList(),
                curves.Select(g => new ChartSeries(
                    Label(g.Key),
                    Enumerable.Range(0, Months).Select(m => g.FirstOrDefault(c => c.MonthsSinceAcquisition == m) is { } c ? (double?)c.CumulativeRevenuePerCustomer : null).ToList())).ToList(),
                "money",
                currency) { Sequential = true }, Format),
            new ChartView("cohort-sizes", "bar", new ChartSpec(
                "New customers per month" + through,
                "First purchase month",
                "Customers",
                Cohorts.Select(g => Label(g.Key)).ToList(),
                [new ChartSeries("Customers", Cohorts.Select(g => (double?)g.First().CohortSize).ToList())]), Format),
        ];
    }

    /// <summary>The colour step (0–5) of a cell.</summary>
    /// <param name="cell">The cell.</param>
    public int Heat(CohortCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var share = ShowsRevenue
            ? (_maxRevenue == 0 ? 0 : (double)(cell.CumulativeRevenuePerCustomer / _maxRevenue))
            : cell.MonthsSinceAcquisition == 0 ? 1 : _maxRetention == 0 ? 0 : cell.Retention / _maxRetention;
        return (int)Math.Round(Math.Clamp(share, 0, 1) * 5);
    }

    /// <summary>The page's address for a heatmap view, keeping the channel shown.</summary>
    /// <param name="revenue">Whether the heatmap shows cumulative revenue per customer.</param>
    public string ViewUrl(bool revenue)
    {
        var query = new List<string>();
        if (revenue)
        {
            query.Add("view=revenue");
        }

        if (SelectedChannel is not null)
        {
            query.Add("channel=" + Uri.EscapeDataString(SelectedChannel));
        }

        return query.Count == 0 ? "/Cohorts" : "/Cohorts?" + string.Join('&', query);
    }

    /// <summary>A cohort's label.</summary>
    /// <param name="month">Its month.</param>
    public static string Label(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
