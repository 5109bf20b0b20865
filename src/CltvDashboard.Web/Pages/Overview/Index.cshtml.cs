using CltvDashboard.Domain.Uncertainty;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Pages.Shared;

namespace CltvDashboard.Web.Pages.Overview;

/// <summary>The overview: headline KPIs with their change since the previous run, the CLV distribution, value by segment and the trend across runs.</summary>
public sealed class IndexModel : DashboardPageModel
{
    private readonly OverviewQueries _overview;

    public IndexModel(RunContextQueries runContext, OverviewQueries overview)
        : base(runContext) => _overview = overview;

    /// <summary>The KPI cards.</summary>
    public IReadOnlyList<KpiCard> Cards { get; private set; } = [];

    /// <summary>The charts, in page order.</summary>
    public IReadOnlyList<ChartView> Charts { get; private set; } = [];

    /// <summary>The current run's figures.</summary>
    public RunKpis? Kpis { get; private set; }

    /// <summary>Reads the current and previous run's figures.</summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        if (Run is null)
        {
            return;
        }

        Kpis = await _overview.KpisAsync(Run.Id, cancellationToken);
        if (Kpis is null)
        {
            return;
        }

        var before = Dashboard.Previous is { } previous ? await _overview.KpisAsync(previous.Id, cancellationToken) : null;
        Cards = BuildCards(Kpis, before);

        var currency = Dashboard.CurrencyCode;
        var distribution = await _overview.ClvDistributionAsync(Run.Id, cancellationToken);
        var segments = await _overview.ValueBySegmentAsync(Run.Id, cancellationToken);
        var trend = await _overview.TrendAsync(Run.Id, cancellationToken);
        var charts = new List<ChartView>();
        if (distribution.Count > 0)
        {
            charts.Add(new ChartView("clv-distribution", "bar", new ChartSpec(
                "How predicted customer value is spread",
                $"Predicted CLV per customer ({currency})",
                "Customers",
                distribution.Select(b => b.To is { } to ? $"{Edge(b.From)}–{Edge(to)}" : $"{Edge(b.From)} and more").ToList(),
                [new ChartSeries("Customers", distribution.Select(b => (double?)b.Customers).ToList())]), Format));
        }

        charts.Add(new ChartView("value-by-segment", "bar", new ChartSpec(
            "Predicted value by customer segment",
            "Segment",
            $"Total predicted CLV ({currency})",
            segments.Select(s => s.Segment).ToList(),
            [new ChartSeries("Total predicted CLV", segments.Select(s => (double?)(s.TotalClv ?? 0)).ToList())],
            "money",
            currency) { Horizontal = true }, Format));
        charts.Add(new ChartView("kpi-trend", "line", new ChartSpec(
            "Customers and predicted value across runs",
            "Run (data up to)",
            "Customers",
            trend.Select(t => Format.RunLabel(t.RunId, t.ObservationEnd, t.AsOfUtc)).ToList(),
            [
                new ChartSeries("Customers", trend.Select(t => (double?)t.Customers).ToList()),
                new ChartSeries("Total predicted CLV", trend.Select(t => (double?)t.TotalClv).ToList(), "y2"),
            ],
            "number",
            currency) { Y2 = $"Total predicted CLV ({currency})", Format2 = "money" }, Format));
        Charts = charts;
    }

    // The bars' edges are round amounts: whole ones without cents, the small ones below $10 with them ($5.30).
    private string Edge(decimal amount) => amount == decimal.Truncate(amount) ? Format.WholeMoney(amount) : Format.Money(amount);

    private List<KpiCard> BuildCards(RunKpis now, RunKpis? before)
    {
        double? Change(Func<RunKpis, double?> pick) => before is null ? null : DashboardFormat.Change(pick(now), pick(before));
        var noPrevious = Dashboard.Previous is null ? "" : "not comparable";
        var horizon = $"the next {Dashboard.ForecastHorizonMonths} months";
        var ranges = now.Ranges;
        const string NoRange = "No range was computed for this run (see Model health).";
        // A run without a model has no forecast to range, and says so elsewhere.
        string? Range(ForecastRange? range, Func<ForecastRange, string> words) =>
            now.PredictedRevenue is null ? null : ranges is null ? NoRange : range is { } r ? words(r) : null;
        var meanClvRange = ranges?.Clv is { } clv && ranges.Customers > 0 ? clv.Per(ranges.Customers) : (ForecastRange?)null;
        var cards = new List<KpiCard>
        {
            new("Customers", Format.Count(now.Customers), Change(k => k.Customers), "Everybody who bought at least once up to the end of the data.", NoChangeText: noPrevious),
            new("Active customers", Format.Count(now.ActiveCustomers), Change(k => k.ActiveCustomers),
                $"Customers the model thinks are still buying from you (P(alive) at least {Format.Percent(Dashboard.ActiveProbabilityThreshold, 0)}).", NoChangeText: noPrevious,
                // The range is of how many are still customers at all (most likely Σ P(alive)), not of the count above the threshold.
                Range: Range(ranges?.ActiveCustomers, r => $"Still customers at all: {Format.CountRange(r.Low80, r.High80)} (80 % range, most likely {Format.Number(r.MostLikely, 0)})")),
            new("Repeat-purchase rate", Format.Percent(now.RepeatRate), Change(k => k.RepeatRate), "Share of customers who came back for a second purchase.", NoChangeText: noPrevious),
            new("Average order value", Format.Money(now.AverageOrderValue), Change(k => (double)k.AverageOrderValue), "Revenue per purchase (purchases on the same day count once).", NoChangeText: noPrevious),
            new("Purchase frequency", Format.Number(now.PurchaseFrequency), Change(k => k.PurchaseFrequency), "Purchases per customer so far.", NoChangeText: noPrevious),
            new("Historical revenue", Format.Money(now.HistoricalRevenue), Change(k => (double)k.HistoricalRevenue), "Net revenue to date, refunds deducted.", NoChangeText: noPrevious),
            new("Predicted revenue", Format.Money(now.PredictedRevenue), Change(k => (double?)k.PredictedRevenue),
                $"What your existing customers are expected to spend over {horizon} (expected purchases × expected order value).", NoChangeText: noPrevious,
                Range: Range(ranges?.Revenue, r => $"80 % range: {Format.MoneyRange(r.Low80, r.High80)}")),
            new("Mean predicted CLV", Format.Money(now.MeanClv), Change(k => (double?)k.MeanClv), "The future value of an average customer, discounted to today.", NoChangeText: noPrevious,
                Range: Range(meanClvRange, r => $"80 % range: {Format.MoneyRange(r.Low80, r.High80)}")),
            new("Median predicted CLV", Format.Money(now.MedianClv), Change(k => (double?)k.MedianClv), "Half of your customers are worth more than this, half less.", NoChangeText: noPrevious),
            new("Rule of thumb CLV", Format.Money(now.RuleOfThumb.RuleOfThumbClv), Change(k => (double?)k.RuleOfThumb.RuleOfThumbClv), RuleOfThumbExplanation(now.RuleOfThumb, now.AverageOrderValue),
                NoChangeText: noPrevious, Kind: "rule-of-thumb"),
        };
        if (now.ClvToCac is { } ratio)
        {
            cards.Add(new("CLV : CAC", Format.Number(ratio, 1) + " : 1", Change(k => k.ClvToCac), "Predicted value of a customer per unit spent to acquire one (channels with a known cost).", NoChangeText: noPrevious));
        }

        return cards;
    }

    private string RuleOfThumbExplanation(RuleOfThumbKpi rule, decimal averagePurchaseValue)
    {
        const string Why = "It assumes every customer buys at the average rate for the average lifespan; the model follows each customer's own history and dropout.";
        if (rule.RuleOfThumbClv is null)
        {
            var missing = rule.PurchasesPerYear is null
                ? "This run was calculated before the rule of thumb was stored; the next run shows it."
                : rule.YearlyRetention is null
                    ? "It needs more than a year of history to see how many customers come back a year later."
                    : "Every customer who bought in the year before the last bought again in the last year, so the formula's lifespan has no end.";
            return $"The owners' formula, not the model's: average purchase value × purchases a year × lifespan − acquisition cost. {missing}";
        }

        var cost = rule.AcquisitionCost is > 0m ? $" − {Format.Money(rule.AcquisitionCost)} acquisition cost" : "";
        return $"The owners' formula, not the model's: {Format.Money(averagePurchaseValue)} a purchase × {Format.Number(rule.PurchasesPerYear, 1)} a year × "
            + $"{Format.Number(rule.LifespanYears, 1)} years ({Format.Percent(rule.YearlyRetention, 0)} of a year's buyers came back the next){cost}. {Why}";
    }
}
