using System.Text.Json.Nodes;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Tests.Calculation;

public sealed class RunSettingsTests
{
    [Fact]
    public void Settings_json_of_a_run_before_the_window_existed_reads_with_the_default_window_and_its_own_churn_limits()
    {
        var json = RunSettings.From(new BusinessSettings { TimeZoneId = "UTC", HighChurnRiskBelow = 0.25, MediumChurnRiskBelow = 0.75 }).ToJson();
        var old = JsonNode.Parse(json)!.AsObject();
        old.Remove(nameof(RunSettings.PurchaseWindowDays)).Should().BeTrue();

        var settings = RunSettings.FromJson(old.ToJsonString())!;

        settings.PurchaseWindowDays.Should().Be(BusinessSettings.DefaultPurchaseWindowDays);
        (settings.HighChurnRiskBelow, settings.MediumChurnRiskBelow).Should().Be((0.25, 0.75), "the limits are read as the run used them");
        settings.Analysis.PurchaseWindowDays.Should().Be(BusinessSettings.DefaultPurchaseWindowDays);
    }

    [Fact]
    public void A_runs_settings_carry_the_window_and_the_churn_limits_it_was_computed_with()
    {
        var business = new BusinessSettings { TimeZoneId = "UTC", PurchaseWindowDays = 30, HighChurnRiskBelow = 0.2, MediumChurnRiskBelow = 0.5 };

        var settings = RunSettings.FromJson(RunSettings.From(business).ToJson())!;

        settings.PurchaseWindowDays.Should().Be(30);
        settings.Analysis.PurchaseWindowDays.Should().Be(30);
        settings.Analysis.ChurnRisk.Should().Be(new Domain.Segmentation.ChurnRiskRule(0.2, 0.5));
    }

    [Fact]
    public void A_runs_settings_ask_for_ranges_and_those_of_a_run_before_ranges_existed_ask_for_none()
    {
        var json = RunSettings.From(new BusinessSettings { TimeZoneId = "UTC" }).ToJson();
        var old = JsonNode.Parse(json)!.AsObject();
        old.Remove(nameof(RunSettings.Ranges)).Should().BeTrue();

        RunSettings.FromJson(json)!.Analysis.Ranges.Should().Be(RunSettings.DefaultRanges);
        RunSettings.FromJson(old.ToJsonString())!.Analysis.Ranges.Should().BeNull();
    }
}
