using System.Globalization;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Data;

/// <summary>One invalid setting: which one and why, in words an analyst can act on.</summary>
/// <param name="Setting">The property name of the setting on <see cref="BusinessSettings"/>.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record SettingProblem(string Setting, string Message);

/// <summary>The rules every stored <see cref="BusinessSettings"/> row obeys; the settings page and the pipeline share them.</summary>
public static class BusinessSettingsRules
{
    /// <summary>The longest window of the chance of buying again, two years: beyond it the figure says little a campaign can act on.</summary>
    public const int MaxPurchaseWindowDays = 730;

    /// <summary>Checks every setting and returns all problems at once (empty when the settings are valid).</summary>
    /// <param name="settings">The settings to check.</param>
    /// <returns>One problem per invalid setting.</returns>
    public static IReadOnlyList<SettingProblem> Validate(BusinessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<SettingProblem>();

        void Require(bool ok, string setting, string message)
        {
            if (!ok)
            {
                problems.Add(new SettingProblem(setting, message));
            }
        }

        Require(
            !string.IsNullOrWhiteSpace(settings.TimeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZoneId, out _),
            nameof(settings.TimeZoneId),
            $"'{settings.TimeZoneId}' is not a known time zone; use an IANA name such as Europe/Berlin or America/New_York.");
        Require(
            settings.CurrencyCode is null || (settings.CurrencyCode.Length == 3 && settings.CurrencyCode.All(char.IsAsciiLetterUpper)),
            nameof(settings.CurrencyCode),
            $"'{settings.CurrencyCode}' is not a currency code; use three capital letters such as EUR or USD.");
        Require(Enum.IsDefined(settings.TimeUnit), nameof(settings.TimeUnit), "The time unit must be day, week or month.");
        Require(
            settings.ForecastHorizonMonths is >= 1 and <= 120,
            nameof(settings.ForecastHorizonMonths),
            $"The forecast horizon must be 1 to 120 months, was {settings.ForecastHorizonMonths}.");
        Require(
            settings.AnnualDiscountRate is >= 0m and <= 1m,
            nameof(settings.AnnualDiscountRate),
            $"The yearly discount rate must be between 0 and 1 (0.10 for 10 %), was {Format(settings.AnnualDiscountRate)}.");
        Require(
            settings.ProfitMargin is > 0m and <= 1m,
            nameof(settings.ProfitMargin),
            $"The profit margin must be above 0 and at most 1 (0.3 keeps 30 % of revenue; 1 values revenue), was {Format(settings.ProfitMargin)}.");
        Require(
            settings.HoldoutMonths is >= 0 and <= 24,
            nameof(settings.HoldoutMonths),
            $"The holdout must be 0 to 24 months, was {settings.HoldoutMonths}.");
        Require(
            settings.ActiveProbabilityThreshold is > 0 and < 1,
            nameof(settings.ActiveProbabilityThreshold),
            $"The active threshold is a probability strictly between 0 and 1, was {Format(settings.ActiveProbabilityThreshold)}.");
        Require(
            settings.PurchaseWindowDays is >= 1 and <= MaxPurchaseWindowDays,
            nameof(settings.PurchaseWindowDays),
            $"The window of the chance of buying again must be 1 to {MaxPurchaseWindowDays} days, was {settings.PurchaseWindowDays}.");
        Require(
            settings.HighChurnRiskBelow is > 0 and < 1,
            nameof(settings.HighChurnRiskBelow),
            $"The high-risk limit is a chance of buying again strictly between 0 and 1 (0.3 for 30 %), was {Format(settings.HighChurnRiskBelow)}.");
        Require(
            settings.MediumChurnRiskBelow is > 0 and < 1,
            nameof(settings.MediumChurnRiskBelow),
            $"The medium-risk limit is a chance of buying again strictly between 0 and 1 (0.6 for 60 %), was {Format(settings.MediumChurnRiskBelow)}.");
        Require(
            settings.HighChurnRiskBelow < settings.MediumChurnRiskBelow,
            nameof(settings.HighChurnRiskBelow),
            $"The high-risk limit must be below the medium-risk limit, were {Format(settings.HighChurnRiskBelow)} and {Format(settings.MediumChurnRiskBelow)}.");
        Require(
            settings.TopValueTierShare is > 0 and < 1 && settings.MiddleValueTierShare is >= 0 and < 1
                && settings.TopValueTierShare + settings.MiddleValueTierShare <= 1,
            nameof(settings.TopValueTierShare),
            $"Value tiers need a top share above 0 and top + middle shares of at most 1, were {Format(settings.TopValueTierShare)} and {Format(settings.MiddleValueTierShare)}.");
        Require(
            IsFiveFieldCron(settings.NightlyCron),
            nameof(settings.NightlyCron),
            $"'{settings.NightlyCron}' is not a cron expression of five fields (minute hour day month weekday), such as 0 2 * * *.");
        Require(settings.RunsToKeep is >= 2 and <= 1000, nameof(settings.RunsToKeep), $"Keep 2 to 1000 runs, was {settings.RunsToKeep}.");

        foreach (var cost in settings.AcquisitionCosts)
        {
            Require(
                !string.IsNullOrWhiteSpace(cost.Channel),
                nameof(settings.AcquisitionCosts),
                "An acquisition cost needs a channel name.");
            Require(
                cost.CostPerCustomer >= 0m,
                nameof(settings.AcquisitionCosts),
                $"The acquisition cost of channel '{cost.Channel}' must be 0 or more, was {Format(cost.CostPerCustomer)}.");
        }

        var duplicateChannel = settings.AcquisitionCosts.GroupBy(c => c.Channel, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        Require(
            duplicateChannel is null,
            nameof(settings.AcquisitionCosts),
            $"Channel '{duplicateChannel?.Key}' has more than one acquisition cost.");
        return problems;
    }

    // The scheduler parses the expression fully; this catches the common slip of six fields or free text early.
    private static bool IsFiveFieldCron(string? cron) =>
        cron is not null
        && cron.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: 5 } fields
        && fields.All(f => f.All(c => char.IsAsciiDigit(c) || c is '*' or ',' or '-' or '/' || char.IsAsciiLetter(c)));

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
