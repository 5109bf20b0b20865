using System.Globalization;
using CltvDashboard.Domain.Clv;

namespace CltvDashboard.Domain.Validation;

/// <summary>
/// The checks a fitted purchase-count model must pass before its forecasts are trusted: the optimiser converged, the
/// parameters are finite and have not run off, and (with a holdout) its total forecast is within half of what happened.
/// <see cref="ModelSelection"/> chooses an unsound model only when no sound one exists, and then says so.
/// </summary>
public static class FitSoundness
{
    /// <summary>
    /// Above this, a shape parameter (r, a, b, s) has run off: its distribution is a point mass for all practical
    /// purposes, which is sound only when the fit reports it as that limit model (<see cref="FitDiagnostics.Limits"/>).
    /// </summary>
    public const double ShapeBound = 1e6;

    /// <summary>
    /// Above this many times the data's time scale (the customers' mean age T, at least one time unit), a rate
    /// parameter (α, β) has run off, for the same reason as <see cref="ShapeBound"/>.
    /// </summary>
    public const double RateBoundPerTimeScale = 1e6;

    /// <summary>Holdout totals further than this share of the actual total from it are unsound.</summary>
    public const double HoldoutTotalTolerance = 0.5;

    // Parameters measured in time units; the rest are shapes without a unit.
    private static readonly HashSet<string> TimeScaled = ["alpha", "beta"];

    /// <summary>What is wrong with a candidate, one plain-word clause each; empty when it is sound.</summary>
    /// <param name="candidate">The fitted model and its fit report.</param>
    /// <param name="timeScale">The customers' mean age T in the model's time unit (values below 1 count as 1).</param>
    /// <param name="holdout">How it predicted the holdout; null without a holdout.</param>
    public static IReadOnlyList<string> Problems(CandidateModel candidate, double timeScale, HoldoutReport? holdout)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var problems = new List<string>();
        if (!candidate.Diagnostics.Converged)
        {
            problems.Add("its fit did not converge");
        }

        var values = candidate.Model.ParameterValues;
        var scale = double.IsFinite(timeScale) ? Math.Max(timeScale, 1) : 1;
        if (values.Any(p => !double.IsFinite(p.Value) || p.Value <= 0) || !double.IsFinite(candidate.LogLikelihood))
        {
            problems.Add("its parameters or log-likelihood are not finite numbers");
        }
        else if (candidate.Diagnostics.Limits.Count == 0)
        {
            var runOff = values.Where(p => p.Value > (TimeScaled.Contains(p.Key) ? RateBoundPerTimeScale * scale : ShapeBound)).ToList();
            if (runOff.Count > 0)
            {
                problems.Add("its parameters ran off (" + string.Join(", ", runOff.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} = {p.Value:G3}"))) + ")");
            }
        }

        if (holdout is { TotalActual: > 0 } report && Math.Abs(report.AggregateError) > HoldoutTotalTolerance * report.TotalActual)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"it expected {report.TotalPredicted:N0} holdout purchases where {report.TotalActual:N0} happened"));
        }

        return problems;
    }
}
