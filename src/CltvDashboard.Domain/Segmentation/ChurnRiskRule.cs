namespace CltvDashboard.Domain.Segmentation;

/// <summary>Churn-risk bands by P(alive): below <paramref name="HighBelow"/> is high risk, below <paramref name="MediumBelow"/> medium, the rest low.</summary>
/// <param name="HighBelow">P(alive) below which the risk is high, 0–1.</param>
/// <param name="MediumBelow">P(alive) below which the risk is medium, at least <paramref name="HighBelow"/>.</param>
public sealed record ChurnRiskRule(double HighBelow, double MediumBelow)
{
    /// <summary>P(alive) below the high-risk threshold.</summary>
    public const string High = "High";

    /// <summary>Between the thresholds.</summary>
    public const string Medium = "Medium";

    /// <summary>At or above the medium-risk threshold.</summary>
    public const string Low = "Low";

    /// <summary>The bands, in display order (riskiest first).</summary>
    public static IReadOnlyList<string> Bands { get; } = [High, Medium, Low];

    /// <summary>The band of a customer; <see cref="Segmentations.Unknown"/> when no model gave a P(alive).</summary>
    /// <param name="probabilityAlive">The customer's P(alive), 0–1, or null.</param>
    public string Band(double? probabilityAlive) => probabilityAlive switch
    {
        null => Segmentations.Unknown,
        { } p when p < HighBelow => High,
        { } p when p < MediumBelow => Medium,
        _ => Low,
    };
}
