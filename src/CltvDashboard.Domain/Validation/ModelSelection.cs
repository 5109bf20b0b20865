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
/// <param name="Reason">A sentence for people: the criterion and the figures that decided.</param>
/// <param name="Holdout">Holdout reports by model name (empty without a holdout period).</param>
public sealed record ModelSelectionResult(CandidateModel Chosen, string Reason, IReadOnlyDictionary<string, HoldoutReport> Holdout);

/// <summary>
/// Chooses among BG/NBD, Pareto/NBD and MBG/NBD fits: by mean absolute error per customer on the holdout
/// where there is one (what the predictions are used for), otherwise by calibration log-likelihood (the three
/// models have four parameters each, so no penalty term is needed).
/// </summary>
public static class ModelSelection
{
    /// <summary>Chooses a model; fits that did not converge are only chosen if no other fit converged.</summary>
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

        var eligible = candidates.Where(c => c.Diagnostics.Converged).ToList();
        var caveat = string.Empty;
        if (eligible.Count == 0)
        {
            eligible = [.. candidates];
            caveat = " None of the fits converged, so treat the choice with caution.";
        }
        else if (eligible.Count < candidates.Count)
        {
            var left = string.Join(", ", candidates.Except(eligible).Select(c => c.Model.Name));
            caveat = $" Not considered because their fits did not converge: {left}.";
        }

        if (!summary.Period.HasHoldout)
        {
            var best = eligible.MaxBy(c => c.LogLikelihood)!;
            var others = string.Join(", ", eligible.Where(c => c != best).Select(c => $"{c.Model.Name} {Format(c.LogLikelihood, "F1")}"));
            var reason = $"{best.Model.Name} fits the calibration data best (log-likelihood {Format(best.LogLikelihood, "F1")}"
                + (others.Length > 0 ? $" vs {others}" : string.Empty)
                + "); there is no holdout period to test the forecasts on." + caveat;
            return new ModelSelectionResult(best, reason, new Dictionary<string, HoldoutReport>());
        }

        var length = summary.Period.HoldoutLength;
        var reports = candidates.ToDictionary(c => c.Model.Name, c => HoldoutValidation.Evaluate(c.Model, summary.Customers, length));
        var chosen = eligible.MinBy(c => (reports[c.Model.Name].MeanAbsoluteError, -c.LogLikelihood))!;
        var winner = reports[chosen.Model.Name];
        var rivals = string.Join(", ", eligible.Where(c => c != chosen).Select(c => $"{c.Model.Name} {Format(reports[c.Model.Name].MeanAbsoluteError, "F4")}"));
        var text = $"{chosen.Model.Name} predicted the {Format(length, "0.#")}-{summary.TimeUnit.ToName()} holdout best: mean absolute error "
            + $"{Format(winner.MeanAbsoluteError, "F4")} purchases per customer"
            + (rivals.Length > 0 ? $" (vs {rivals})" : string.Empty)
            + $", against {Format(winner.Baseline.MeanAbsoluteError, "F4")} for the naive baseline; it expected "
            + $"{Format(winner.TotalPredicted, "F0")} holdout purchases where {Format(winner.TotalActual, "F0")} happened." + caveat;
        return new ModelSelectionResult(chosen, text, reports);
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
