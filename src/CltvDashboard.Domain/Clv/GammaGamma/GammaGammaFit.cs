namespace CltvDashboard.Domain.Clv.GammaGamma;

/// <summary>The outcome of <see cref="GammaGammaFitter.Fit"/>: the estimates, who entered the fit, and the model's own data check.</summary>
/// <param name="ModelFit">
/// The maximum-likelihood estimates, the total log-likelihood of the customers used (in the data's currency),
/// standard errors by parameter name (<c>p</c>, <c>q</c>, <c>gamma</c>) and the diagnostics, whose warnings
/// include the data-quality remarks of this model.
/// </param>
/// <param name="CustomersUsed">Customers with x &gt; 0 and m̄ &gt; 0: the ones whose spend the model describes.</param>
/// <param name="OneTimeBuyersLeftOut">Customers with x = 0: no repeat purchase, so no repeat spend to learn from.</param>
/// <param name="ZeroValueCustomersLeftOut">
/// Customers with x &gt; 0 whose repeat purchases were worth 0 in total (m̄ = 0): the model describes positive spend.
/// </param>
/// <param name="FrequencyValueCorrelation">
/// Pearson's correlation between x and m̄ over the customers used; null when either does not vary. The model
/// assumes a customer's spend per purchase does not depend on how often the customer buys.
/// </param>
public sealed record GammaGammaFit(
    ModelFit<GammaGammaParameters> ModelFit,
    int CustomersUsed,
    int OneTimeBuyersLeftOut,
    int ZeroValueCustomersLeftOut,
    double? FrequencyValueCorrelation)
{
    /// <summary>
    /// |ρ| at or above which the fit warns that frequency and spend are not independent. 0.3 is the conventional
    /// lower edge of a moderate correlation (Cohen 1988, "Statistical Power Analysis for the Behavioral Sciences");
    /// CDNOW, the model's standard example, has ρ ≈ 0.11 and is treated as independent in the literature.
    /// </summary>
    public const double CorrelationWarningThreshold = 0.3;

    /// <summary>The estimated p, q and γ.</summary>
    public GammaGammaParameters Parameters => ModelFit.Parameters;

    /// <summary>All customers left out of the fit, for whatever reason.</summary>
    public int CustomersLeftOut => OneTimeBuyersLeftOut + ZeroValueCustomersLeftOut;
}
