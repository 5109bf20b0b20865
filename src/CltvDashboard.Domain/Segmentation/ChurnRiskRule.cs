namespace CltvDashboard.Domain.Segmentation;

/// <summary>
/// Churn-risk bands by the chance of buying again, P(at least one purchase in the next N days | history) (see
/// <see cref="Analysis.AnalysisSettings.PurchaseWindowDays"/>): below <paramref name="HighBelow"/> is high risk, below
/// <paramref name="MediumBelow"/> medium, the rest low. Unlike P(alive), that chance stays meaningful when the data
/// show no dropout: it then falls with a customer's low purchase rate. The thresholds are the business's settings.
/// </summary>
/// <param name="HighBelow">Chance of buying again below which the risk is high, 0–1.</param>
/// <param name="MediumBelow">Chance of buying again below which the risk is medium, at least <paramref name="HighBelow"/>.</param>
public sealed record ChurnRiskRule(double HighBelow, double MediumBelow)
{
    /// <summary>A chance of buying again below the high-risk threshold.</summary>
    public const string High = "High";

    /// <summary>Between the thresholds.</summary>
    public const string Medium = "Medium";

    /// <summary>At or above the medium-risk threshold.</summary>
    public const string Low = "Low";

    /// <summary>The bands, in display order (riskiest first).</summary>
    public static IReadOnlyList<string> Bands { get; } = [High, Medium, Low];

    /// <summary>The band of a customer; <see cref="Segmentations.Unknown"/> when no model gave a chance of buying again.</summary>
    /// <param name="purchaseProbability">The customer's chance of buying again within the window, 0–1, or null.</param>
    public string Band(double? purchaseProbability) => purchaseProbability switch
    {
        null => Segmentations.Unknown,
        { } p when p < HighBelow => High,
        { } p when p < MediumBelow => Medium,
        _ => Low,
    };
}
