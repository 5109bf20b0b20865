using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Pages.Shared;

namespace CltvDashboard.Web.Pages.ModelHealth;

/// <summary>Model health (Analyst): the chosen model and why, parameters with standard errors, holdout accuracy against the naive baseline, warnings.</summary>
public sealed class IndexModel : DashboardPageModel
{
    private readonly ModelHealthQueries _modelHealth;

    public IndexModel(RunContextQueries runContext, ModelHealthQueries modelHealth)
        : base(runContext) => _modelHealth = modelHealth;

    /// <summary>The run's model health.</summary>
    public Infrastructure.Queries.ModelHealth? Health { get; private set; }

    /// <summary>Holdout charts.</summary>
    public IReadOnlyList<ChartView> Charts { get; private set; } = [];

    /// <summary>The chosen model's weekly (or monthly) repeat purchases, actual against expected; null without a holdout.</summary>
    public ChartView? TrackingChart { get; private set; }

    /// <summary>The index of the tracking chart's first holdout period, where the shading starts.</summary>
    public int HoldoutFrom { get; private set; }

    /// <summary>The tracking chart's period, "week" or "month".</summary>
    public string PeriodName { get; private set; } = "week";

    /// <summary>Mean holdout purchases by calibration frequency, actual against predicted; null without a holdout.</summary>
    public ChartView? FrequencyChart { get; private set; }

    /// <summary>Reads the current run's fits.</summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        if (Run is null)
        {
            return;
        }

        Health = await _modelHealth.ModelHealthAsync(Run.Id, cancellationToken);
        BuildCheckCharts(await _modelHealth.ModelChecksAsync(Run.Id, cancellationToken));
        var checkedFits = Health?.Fits.Where(f => f.Period == ModelFitPeriod.Calibration && f.HoldoutActualPurchases is not null).ToList() ?? [];
        if (checkedFits.Count == 0)
        {
            return;
        }

        var labels = checkedFits.Select(f => Name(f.ModelName)).ToList();
        Charts =
        [
            new ChartView("holdout-purchases", "bar", new ChartSpec(
                "Predicted vs actual purchases in the holdout period",
                "Model",
                "Purchases in the holdout",
                labels,
                [
                    new ChartSeries("Predicted", checkedFits.Select(f => f.HoldoutPredictedPurchases).ToList()),
                    new ChartSeries("Actual", checkedFits.Select(f => f.HoldoutActualPurchases).ToList()),
                ]), Format),
            new ChartView("holdout-error", "bar", new ChartSpec(
                "Error per customer against a naive baseline (lower is better)",
                "Model",
                "Mean absolute error (purchases per customer)",
                labels,
                [
                    new ChartSeries("Model", checkedFits.Select(f => f.HoldoutMeanAbsoluteError).ToList()),
                    new ChartSeries("Naive baseline", checkedFits.Select(f => f.BaselineMeanAbsoluteError).ToList()),
                ]), Format),
        ];
    }

    private void BuildCheckCharts(ModelChecksView checks)
    {
        PeriodName = checks.PeriodName;
        if (checks.Tracking.Count > 0)
        {
            var holdoutFrom = checks.Tracking.ToList().FindIndex(p => p.InHoldout);
            HoldoutFrom = holdoutFrom < 0 ? checks.Tracking.Count : holdoutFrom;
            TrackingChart = new ChartView("tracking", "tracking", new ChartSpec(
                $"Repeat purchases per {PeriodName}: actual vs model",
                $"{char.ToUpperInvariant(PeriodName[0])}{PeriodName[1..]} ending",
                "Repeat purchases",
                checks.Tracking.Select(p => DashboardFormat.Date(p.PeriodEnd) + (p.InHoldout ? " (holdout)" : string.Empty)).ToList(),
                [
                    new ChartSeries("Actual", checks.Tracking.Select(p => (double?)p.Actual).ToList()),
                    new ChartSeries("Model", checks.Tracking.Select(p => (double?)Math.Round(p.Predicted, 1)).ToList()),
                ]), Format, Tall: true);
        }

        if (checks.Buckets.Count > 0)
        {
            FrequencyChart = new ChartView("frequency-buckets", "bar", new ChartSpec(
                "Holdout purchases per customer by past purchase frequency",
                "Repeat purchases in the calibration period (customers)",
                "Purchases per customer in the holdout",
                checks.Buckets.Select(b => $"{b.Frequency}{(b.IsOpenEnded ? "+" : string.Empty)} ({Format.Count(b.Customers)})").ToList(),
                [
                    new ChartSeries("Actual", checks.Buckets.Select(b => (double?)Math.Round(b.Actual, 3)).ToList()),
                    new ChartSeries("Model", checks.Buckets.Select(b => (double?)Math.Round(b.Predicted, 3)).ToList()),
                ]), Format);
        }
    }

    /// <summary>A model's display name.</summary>
    /// <param name="model">Its stored name.</param>
    public static string Name(string? model) => model is null ? "none" : CountModelCatalog.DisplayName(model);

    /// <summary>What the forecasts use, in plain words.</summary>
    public string ChoiceInWords()
    {
        if (Health?.ChosenModel is not { } chosen)
        {
            return "No purchase-count model could be fitted, so there are no P(alive), expected purchases or CLV figures; value tiers fall back to historical revenue.";
        }

        var spend = Health.Fits.Any(f => f.ModelName == GammaGammaParameters.ModelName && f.IsChosen)
            ? "Gamma-Gamma for how much each purchase is worth"
            : "each customer's historical average for how much a purchase is worth (Gamma-Gamma could not be fitted)";
        return $"The forecasts use {Name(chosen)} for how often customers buy and when they stop, and {spend}.";
    }

    /// <summary>How the chosen model predicted the holdout, predicted against what happened; null without a holdout check.</summary>
    public string? HoldoutInWords()
    {
        var fit = Health?.Fits.FirstOrDefault(f => f.IsChosen && f.Period == ModelFitPeriod.Calibration);
        if (fit?.HoldoutPredictedPurchases is not { } predicted || fit.HoldoutActualPurchases is not { } actual)
        {
            return null;
        }

        var off = actual > 0 ? (predicted - actual) / actual : (double?)null;
        var direction = off switch
        {
            null => "",
            > 0.005 => $" ({Format.Percent(off, 0)} too many)",
            < -0.005 => $" ({Format.Percent(-off, 0)} too few)",
            _ => " (close)",
        };
        return $"On the holdout, {Name(fit.ModelName)} expected {Format.Number(predicted, 0)} purchases where {Format.Number(actual, 0)} happened{direction}; "
            + $"its error per customer: {Accuracy(fit)}.";
    }

    /// <summary>
    /// The holdout's 95 % range beside what happened, and when what happened lies outside it, that the model missed by
    /// more than chance explains; null without a holdout range.
    /// </summary>
    public string? HoldoutRangeInWords()
    {
        if (Health?.Ranges?.Holdout is not { } holdout)
        {
            return null;
        }

        var range = holdout.Purchases;
        var words = $"Its 95 % range for the holdout's purchases was {Format.CountRange(range.Low95, range.High95)}; {Format.Count(holdout.Actual)} happened.";
        return holdout.Actual > range.High95
            ? $"{words} That is above the range: the model under-predicted by more than chance explains, so its forecasts and their ranges are likely too low as well."
            : holdout.Actual < range.Low95
                ? $"{words} That is below the range: the model over-predicted by more than chance explains, so its forecasts and their ranges are likely too high as well."
                : $"{words} That is within the range.";
    }

    /// <summary>What the ranges on the pages include and what they leave out, in one sentence.</summary>
    public string RangesInWords()
    {
        var parameters = Health?.Ranges?.IncludesParameterUncertainty is false
            ? "the randomness of who buys when (this fit gave no standard errors, so not the uncertainty of its parameters)"
            : "the uncertainty of the fitted parameters and the randomness of who buys when";
        return $"The ranges on these pages (80 %, and 95 % in the API and exports) include {parameters}; they do not include a wrong model or a business that changes (new products, prices or channels).";
    }

    /// <summary>How much more data would narrow the total's range to ± 10 %, when it is wider; null otherwise.</summary>
    public string? NarrowingInWords() => Health?.Ranges?.Narrowing.Sentence("expected purchases");

    /// <summary>The run's warnings but the narrowing advice, which the ranges section says.</summary>
    public IEnumerable<string> OtherWarnings() => Health?.Warnings.Where(w => w != NarrowingInWords()) ?? [];

    /// <summary>How much better than the baseline a fit did, in plain words.</summary>
    /// <param name="fit">The fit.</param>
    public string Accuracy(ModelFitView fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (fit.HoldoutMeanAbsoluteError is not { } model || fit.BaselineMeanAbsoluteError is not { } baseline || baseline <= 0)
        {
            return "not checked on a holdout";
        }

        var gain = 1 - (model / baseline);
        return gain >= 0
            ? $"{Format.Percent(gain, 0)} smaller error than the naive baseline"
            : $"{Format.Percent(-gain, 0)} larger error than the naive baseline";
    }
}
