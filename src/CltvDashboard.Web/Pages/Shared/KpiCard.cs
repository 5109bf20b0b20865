namespace CltvDashboard.Web.Pages.Shared;

/// <summary>One KPI card of the overview.</summary>
/// <param name="Label">What it is.</param>
/// <param name="Value">The formatted value.</param>
/// <param name="Change">Relative change since the previous run; null when there is none to compare.</param>
/// <param name="Explanation">The metric in plain words.</param>
/// <param name="HigherIsBetter">Whether a rise is good news (colours the change).</param>
/// <param name="NoChangeText">Shown instead of the change when there is none.</param>
/// <param name="Kind">A class that sets the card apart (<c>rule-of-thumb</c> for a figure that is not the model's); null for none.</param>
/// <param name="Range">The figure's range in words ("80 % range: $1,200 – $1,450"), or why there is none; null for a figure without one.</param>
public sealed record KpiCard(
    string Label, string Value, double? Change, string Explanation, bool HigherIsBetter = true, string NoChangeText = "no previous run to compare", string? Kind = null, string? Range = null);
