using System.Text.Json;
using System.Text.Json.Serialization;
using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Uncertainty;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>
/// The settings a run was computed with, stored on the run as JSON and read back typed: every figure shown for a
/// run is read or derived with these, never with the settings as they are now.
/// </summary>
/// <remarks>
/// A run stored before a setting existed reads it as the setting's default (an optional parameter), so that its pages
/// keep working: such a run judged churn risk on P(alive) with <see cref="HighChurnRiskBelow"/> and
/// <see cref="MediumChurnRiskBelow"/> and stored no chance of buying again. One stored before ranges were computed reads
/// <see cref="Ranges"/> as null: it has none.
/// </remarks>
public sealed record RunSettings(
    int Version,
    string TimeZoneId,
    string? CurrencyCode,
    TimeUnit TimeUnit,
    int ForecastHorizonMonths,
    decimal AnnualDiscountRate,
    decimal ProfitMargin,
    int HoldoutMonths,
    double ActiveProbabilityThreshold,
    double HighChurnRiskBelow,
    double MediumChurnRiskBelow,
    double TopValueTierShare,
    double MiddleValueTierShare,
    IReadOnlyDictionary<string, decimal> AcquisitionCosts,
    int PurchaseWindowDays = BusinessSettings.DefaultPurchaseWindowDays,
    RangeOptions? Ranges = null)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The business's settings as they are when a run starts.</summary>
    public static RunSettings From(BusinessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RunSettings(
            settings.Version,
            settings.TimeZoneId,
            settings.CurrencyCode,
            settings.TimeUnit,
            settings.ForecastHorizonMonths,
            settings.AnnualDiscountRate,
            settings.ProfitMargin,
            settings.HoldoutMonths,
            settings.ActiveProbabilityThreshold,
            settings.HighChurnRiskBelow,
            settings.MediumChurnRiskBelow,
            settings.TopValueTierShare,
            settings.MiddleValueTierShare,
            settings.AcquisitionCosts.ToDictionary(c => c.Channel, c => c.CostPerCustomer, StringComparer.Ordinal),
            settings.PurchaseWindowDays,
            DefaultRanges);
    }

    /// <summary>
    /// How every recalculation computes its forecasts' ranges: the Domain's defaults, whose cost bench/README.md
    /// measures on a million customers.
    /// </summary>
    public static RangeOptions DefaultRanges { get; } = new();

    /// <summary>The settings a run stored; null for a run that has not finished (it stores them when it is published).</summary>
    public static RunSettings? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<RunSettings>(json, Json);

    /// <summary>The time zone its days were cut in; UTC when this machine does not know the zone.</summary>
    [JsonIgnore]
    public TimeZoneInfo TimeZone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The valuation its CLV figures were computed with.</summary>
    [JsonIgnore]
    public ValuationOptions Valuation => new(
        ForecastHorizonMonths,
        ValuationOptions.MonthlyRateFromAnnual((double)AnnualDiscountRate),
        (double)ProfitMargin,
        TimeUnit);

    /// <summary>What the customer-base analysis needs of these settings.</summary>
    [JsonIgnore]
    public AnalysisSettings Analysis => new(
        TimeUnit,
        HoldoutMonths,
        Valuation,
        new ValueTierRule(TopValueTierShare, MiddleValueTierShare),
        new ChurnRiskRule(HighChurnRiskBelow, MediumChurnRiskBelow),
        AcquisitionCosts,
        PurchaseWindowDays)
    {
        Ranges = Ranges,
    };

    /// <summary>The JSON stored on the run.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
