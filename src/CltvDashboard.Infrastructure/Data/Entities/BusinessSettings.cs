using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>
/// The business's settings: a single row (<see cref="SingletonId"/>), typed so that a missing or misspelt
/// setting is a compile error rather than a lookup that silently finds nothing. Every setting that changes
/// results bumps <see cref="Version"/>; each calculation run records the version and a copy of the values it used.
/// Check values with <see cref="BusinessSettingsRules.Validate"/> before saving.
/// </summary>
public class BusinessSettings
{
    /// <summary>The key of the only row.</summary>
    public const int SingletonId = 1;

    /// <summary>The default window of the chance of buying again, the Domain's (90 days).</summary>
    public const int DefaultPurchaseWindowDays = AnalysisSettings.DefaultPurchaseWindowDays;

    /// <summary>The default high churn-risk limit on the chance of buying again.</summary>
    public const double DefaultHighChurnRiskBelow = 0.3;

    /// <summary>The default medium churn-risk limit on the chance of buying again.</summary>
    public const double DefaultMediumChurnRiskBelow = 0.6;

    /// <summary>Always <see cref="SingletonId"/>.</summary>
    public int Id { get; set; } = SingletonId;

    /// <summary>Incremented on every saved change; starts at 1 for the defaults.</summary>
    public int Version { get; set; } = 1;

    /// <summary>IANA time zone of the business (e.g. "Europe/Berlin"); days and months are cut in this zone.</summary>
    public required string TimeZoneId { get; set; }

    /// <summary>
    /// ISO 4217 code of the currency assumed for imported rows that name none when no other is chosen for the file and
    /// it is not appended to a dataset (whose own currency, <see cref="Dataset.Currency"/>, then applies). Never a
    /// label of results: each run carries the currency of its dataset (<see cref="CalculationRun.Currency"/>).
    /// </summary>
    public string? CurrencyCode { get; set; }

    /// <summary>Unit of recency, tenure and the models' rate parameters.</summary>
    public TimeUnit TimeUnit { get; set; } = TimeUnit.Week;

    /// <summary>How far ahead expected purchases and CLV look, in months (1–120).</summary>
    public int ForecastHorizonMonths { get; set; } = 12;

    /// <summary>Yearly discount rate applied to future value, as a fraction (0.10 = 10 % a year; 0–1).</summary>
    public decimal AnnualDiscountRate { get; set; } = 0.10m;

    /// <summary>Share of revenue kept as profit, as a fraction (0 excluded, 1 = value revenue itself).</summary>
    public decimal ProfitMargin { get; set; } = 1m;

    /// <summary>
    /// Months at the end of the history held out to check the models and choose among them (0 = no holdout:
    /// the model with the best likelihood-based criterion is chosen; at most 24).
    /// </summary>
    public int HoldoutMonths { get; set; } = 6;

    /// <summary>P(alive) at or above which a customer counts as active (0–1).</summary>
    public double ActiveProbabilityThreshold { get; set; } = 0.5;

    /// <summary>
    /// The N of "chance of buying again within N days": the window after the last day of data over which each
    /// customer's chance of at least one purchase is computed and judged for churn risk (1–730 days).
    /// </summary>
    public int PurchaseWindowDays { get; set; } = DefaultPurchaseWindowDays;

    /// <summary>
    /// Chance of buying again within <see cref="PurchaseWindowDays"/> below which a customer is in the high churn-risk
    /// band (0–1, below <see cref="MediumChurnRiskBelow"/>). Below 30 % the customer is more likely than not to stay away.
    /// </summary>
    public double HighChurnRiskBelow { get; set; } = DefaultHighChurnRiskBelow;

    /// <summary>
    /// Chance of buying again within <see cref="PurchaseWindowDays"/> below which a customer is in the medium churn-risk
    /// band; at or above it the risk is low.
    /// </summary>
    public double MediumChurnRiskBelow { get; set; } = DefaultMediumChurnRiskBelow;

    /// <summary>Share of customers, by predicted CLV, in the top value tier (0–1).</summary>
    public double TopValueTierShare { get; set; } = 0.2;

    /// <summary>Share of customers, by predicted CLV, in the middle value tier; the rest are the low tier.</summary>
    public double MiddleValueTierShare { get; set; } = 0.3;

    /// <summary>Cron expression of the nightly recalculation, read in <see cref="TimeZoneId"/> (default 02:00).</summary>
    public string NightlyCron { get; set; } = "0 2 * * *";

    /// <summary>How many finished calculation runs are kept for history (at least 2; the current one is never pruned).</summary>
    public int RunsToKeep { get; set; } = 30;

    /// <summary>When a setting last changed, in UTC; null for the defaults.</summary>
    public DateTime? UpdatedAtUtc { get; set; }

    /// <summary>Customer acquisition cost per acquisition channel, for CLV:CAC.</summary>
    public ICollection<ChannelAcquisitionCost> AcquisitionCosts { get; } = [];
}
