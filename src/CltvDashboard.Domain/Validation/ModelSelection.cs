using System.Globalization;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Validation;

/// <summary>A fitted purchase-count model offered for selection.</summary>
/// <param name="Model">The fitted parameters.</param>
/// <param name="LogLikelihood">Its calibration log-likelihood.</param>
/// <param name="Diagnostics">Its fit report.</param>
public sealed record CandidateModel(IPurchaseCountModel Model, double LogLikelihood, FitDiagnostics Diagnostics);

/// <summary>The model chosen and why.</summary>
/// <param name="Chosen">The winning candidate.</param>
/// <param name="Reason">One line for people: the criterion and the figures that decided, with model names as people write them.</param>
/// <param name="Holdout">Holdout reports by model name (empty without a holdout period).</param>
/// <param name="Caution">
/// When no candidate passed <see cref="FitSoundness"/>: a plain-word warning saying so, and why; null when the chosen
/// model is sound.
/// </param>
public sealed record ModelSelectionResult(
    CandidateModel Chosen, string Reason, IReadOnlyDictionary<string, HoldoutReport> Holdout, string? Caution);

/// <summary>
/// Chooses among BG/NBD, Pareto/NBD and MBG/NBD fits. With a holdout, by the holdout's mean squared error per customer:
/// a proper score for the conditional mean the forecasts are (the mean absolute error rewards predicting the median,
/// which for sparse buyers is 0). Without one, by calibration log-likelihood (the three models have four parameters
/// each, so no penalty term is needed). Either way a candidate that fails <see cref="FitSoundness"/> is chosen only
/// when none passes.
/// </summary>
public static class ModelSelection
{
    /// <summary>The criterion with a holdout, as named in reports.</summary>
    public const string HoldoutCriterion = "mean squared error per customer";

    /// <summary>The criterion without a holdout, as named in reports.</summary>
    public const string CalibrationCriterion = "log-likelihood";

    /// <summary>Chooses a model.</summary>
    /// <param name="candidates">At least one fitted model.</param>
    /// <param name="summary">The customers the models were fitted on, with holdout actuals if any.</param>
    public static ModelSelectionResult Choose(IReadOnlyList<CandidateModel> candidates, TransactionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(summary);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("Model selection needs at least one fitted model.", nameof(candidates));
        }

        var period = summary.Period;
        var reports = period.HasHoldout && summary.Customers.Count > 0
            ? candidates.ToDictionary(c => c.Model.Name, c => HoldoutValidation.Evaluate(c.Model, summary.Customers, period.HoldoutLength))
            : new Dictionary<string, HoldoutReport>();
        var timeScale = summary.Customers.Count > 0 ? summary.Customers.Average(c => c.T) : 1;
        var problems = candidates.ToDictionary(c => c, c => FitSoundness.Problems(c, timeScale, reports.GetValueOrDefault(c.Model.Name)));
        var sound = candidates.Where(c => problems[c].Count == 0).ToList();
        var pool = sound.Count > 0 ? sound : [.. candidates];

        var chosen = reports.Count > 0
            ? pool.MinBy(c => (Score(reports[c.Model.Name].MeanSquaredError), Score(-c.LogLikelihood)))!
            : pool.MinBy(c => Score(-c.LogLikelihood))!;
        var reason = reports.Count > 0 ? HoldoutReason(chosen, pool, reports, summary) : CalibrationReason(chosen, pool);

        string? caution = null;
        var unsound = candidates.Where(c => problems[c].Count > 0).ToList();
        if (sound.Count == 0)
        {
            caution = $"No purchase-count model passed the checks ({Problems(unsound, problems)}), so {Display(chosen)} was used as the least bad "
                + $"by its {(reports.Count > 0 ? "holdout error" : "fit")}: treat its forecasts with caution.";
            reason += " " + caution;
        }
        else if (unsound.Count > 0)
        {
            reason += $" Not considered: {Problems(unsound, problems)}.";
        }

        return new ModelSelectionResult(chosen, reason, reports, caution);
    }

    private static string HoldoutReason(
        CandidateModel chosen, List<CandidateModel> pool, Dictionary<string, HoldoutReport> reports, TransactionSummary summary)
    {
        var winner = reports[chosen.Model.Name];
        var rivals = pool.Where(c => c != chosen).Select(c => $"{Display(c)} {Format(reports[c.Model.Name].MeanSquaredError)}");
        var comparison = string.Join(", ", rivals);
        return $"{Display(chosen)} predicted the {Format(winner.HoldoutLength, "0.#")}-{summary.TimeUnit.ToName()} holdout best: "
            + $"mean squared error {Format(winner.MeanSquaredError)} purchases² per customer "
            + $"({(comparison.Length > 0 ? comparison + "; " : string.Empty)}naive baseline {Format(winner.Baseline.MeanSquaredError)}), "
            + $"mean absolute error {Format(winner.MeanAbsoluteError)}, RMSE {Format(winner.RootMeanSquaredError)}; "
            + $"it expected {Format(winner.TotalPredicted, "N0")} holdout purchases where {Format(winner.TotalActual, "N0")} happened"
            + (winner.TotalActual > 0 ? $" ({SignedPercent(winner.AggregateRelativeError)})." : ".");
    }

    private static string CalibrationReason(CandidateModel chosen, List<CandidateModel> pool)
    {
        var others = string.Join(", ", pool.Where(c => c != chosen).Select(c => $"{Display(c)} {Format(c.LogLikelihood, "N1")}"));
        return $"{Display(chosen)} fits the calibration data best (log-likelihood {Format(chosen.LogLikelihood, "N1")}"
            + (others.Length > 0 ? $" vs {others}" : string.Empty)
            + "); there is no holdout period to test the forecasts on.";
    }

    private static string Problems(List<CandidateModel> unsound, Dictionary<CandidateModel, IReadOnlyList<string>> problems) =>
        string.Join("; ", unsound.Select(c => $"{Display(c)}: {string.Join(", ", problems[c])}"));

    private static string Display(CandidateModel candidate) => CountModelCatalog.DisplayName(candidate.Model.Name);

    // NaN sorts below every number; a score that is not a number must lose.
    private static double Score(double value) => double.IsNaN(value) ? double.PositiveInfinity : value;

    // Two decimals for errors of everyday size, three significant digits for the very small.
    private static string Format(double value) => Format(value, Math.Abs(value) >= 0.01 || value == 0 ? "N2" : "G3");

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string SignedPercent(double share) =>
        (share < 0 ? "−" : "+") + Math.Abs(100 * share).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
