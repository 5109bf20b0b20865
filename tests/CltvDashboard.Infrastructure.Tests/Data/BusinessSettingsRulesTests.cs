using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using FluentAssertions;
using Xunit;

namespace CltvDashboard.Infrastructure.Tests.Data;

public sealed class BusinessSettingsRulesTests
{
    private static BusinessSettings Defaults() => new() { TimeZoneId = "UTC" };

    [Fact]
    public void Default_settings_are_valid()
    {
        BusinessSettingsRules.Validate(Defaults()).Should().BeEmpty();
    }

    [Fact]
    public void Every_invalid_setting_is_reported_at_once_by_name()
    {
        var settings = Defaults();
        settings.TimeZoneId = "Mars/Olympus";
        settings.CurrencyCode = "eur";
        settings.ForecastHorizonMonths = 0;
        settings.AnnualDiscountRate = 1.5m;
        settings.ProfitMargin = 0m;
        settings.HoldoutMonths = 25;
        settings.HighChurnRiskBelow = 0.8;
        settings.TopValueTierShare = 0.8;
        settings.NightlyCron = "every night";
        settings.RunsToKeep = 1;
        settings.AcquisitionCosts.Add(new ChannelAcquisitionCost { Channel = "ads", CostPerCustomer = -1m });

        var problems = BusinessSettingsRules.Validate(settings);

        problems.Select(p => p.Setting).Should().BeEquivalentTo(
        [
            nameof(BusinessSettings.TimeZoneId), nameof(BusinessSettings.CurrencyCode), nameof(BusinessSettings.ForecastHorizonMonths),
            nameof(BusinessSettings.AnnualDiscountRate), nameof(BusinessSettings.ProfitMargin), nameof(BusinessSettings.HoldoutMonths),
            nameof(BusinessSettings.HighChurnRiskBelow), nameof(BusinessSettings.TopValueTierShare), nameof(BusinessSettings.NightlyCron),
            nameof(BusinessSettings.RunsToKeep), nameof(BusinessSettings.AcquisitionCosts),
        ]);
        problems.Single(p => p.Setting == nameof(BusinessSettings.TimeZoneId)).Message.Should().Contain("Mars/Olympus");
        problems.Single(p => p.Setting == nameof(BusinessSettings.AcquisitionCosts)).Message.Should().Contain("'ads'");
    }

    [Fact]
    public void The_window_and_the_churn_limits_on_the_chance_of_buying_again_are_checked_each_with_its_own_message()
    {
        var settings = Defaults();
        settings.PurchaseWindowDays = 0;
        settings.MediumChurnRiskBelow = 1.2;

        var problems = BusinessSettingsRules.Validate(settings);

        problems.Select(p => p.Setting).Should().BeEquivalentTo([nameof(BusinessSettings.PurchaseWindowDays), nameof(BusinessSettings.MediumChurnRiskBelow)]);
        problems.Single(p => p.Setting == nameof(BusinessSettings.PurchaseWindowDays)).Message.Should().Contain("1 to 730 days").And.Contain("was 0");
        problems.Single(p => p.Setting == nameof(BusinessSettings.MediumChurnRiskBelow)).Message.Should().Contain("chance of buying again").And.Contain("1.2");
    }

    [Fact]
    public void A_channel_with_two_costs_is_refused()
    {
        var settings = Defaults();
        settings.AcquisitionCosts.Add(new ChannelAcquisitionCost { Channel = "ads", CostPerCustomer = 10m });
        settings.AcquisitionCosts.Add(new ChannelAcquisitionCost { Channel = "ads", CostPerCustomer = 12m });

        BusinessSettingsRules.Validate(settings).Should().ContainSingle().Which.Message.Should().Contain("more than one");
    }
}
