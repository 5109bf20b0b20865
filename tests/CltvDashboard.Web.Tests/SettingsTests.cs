using System.Net;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests;

public abstract class SettingsTests(AppFixture fixture)
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task Settings_are_validated_saved_with_a_new_version_and_stale_forms_are_refused()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);
        var version = await VersionAsync();

        var invalid = await SaveAsync(client, version, profitMargin: "0", channel: "Ads", cost: "12.5");
        invalid.StatusCode.Should().Be(HttpStatusCode.OK);
        (await invalid.Content.ReadAsStringAsync()).Should().Contain("The profit margin must be above 0");
        (await VersionAsync()).Should().Be(version, "nothing is saved while a setting is invalid");

        var saved = await SaveAsync(client, version, profitMargin: "0.35", channel: "Ads", cost: "12.5");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetStringAsync("/Settings")).Should().Contain("Settings saved").And.Contain("Recalculate now");
        await using (var context = App.CreateContext())
        {
            var settings = await context.BusinessSettings.Include(s => s.AcquisitionCosts).SingleAsync();
            settings.Version.Should().Be(version + 1);
            settings.ProfitMargin.Should().Be(0.35m);
            settings.AcquisitionCosts.Should().ContainSingle(c => c.Channel == "Ads" && c.CostPerCustomer == 12.5m);
        }

        var stale = await SaveAsync(client, version, profitMargin: "0.5", channel: "Ads", cost: "1");
        stale.StatusCode.Should().Be(HttpStatusCode.OK);
        (await stale.Content.ReadAsStringAsync()).Should().Contain("Someone else changed the settings");
        (await VersionAsync()).Should().Be(version + 1);
    }

    [Fact]
    public async Task Recalculate_now_requests_a_manual_run()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);
        var before = App.Scheduler.Requests;

        var response = await CltvWebFactory.PostFormAsync(client, "/Runs", [], "/Runs?handler=Recalculate");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        App.Scheduler.Requests.Should().Be(before + 1);
        var runs = await client.GetStringAsync("/Runs");
        runs.Should().Contain("Recalculation requested").And.Contain("Manual").And.Contain("Succeeded");
    }

    private async Task<int> VersionAsync()
    {
        await using var context = App.CreateContext();
        return (await context.BusinessSettings.AsNoTracking().SingleAsync()).Version;
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, int version, string profitMargin, string channel, string cost) =>
        CltvWebFactory.PostFormAsync(client, "/Settings", new()
        {
            ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.TimeZoneId"] = "Europe/Berlin",
            ["Input.CurrencyCode"] = "EUR",
            ["Input.TimeUnit"] = "Week",
            ["Input.ForecastHorizonMonths"] = "12",
            ["Input.AnnualDiscountRate"] = "0.1",
            ["Input.ProfitMargin"] = profitMargin,
            ["Input.HoldoutMonths"] = "6",
            ["Input.ActiveProbabilityThreshold"] = "0.5",
            ["Input.PurchaseWindowDays"] = "90",
            ["Input.HighChurnRiskBelow"] = "0.3",
            ["Input.MediumChurnRiskBelow"] = "0.7",
            ["Input.TopValueTierShare"] = "0.2",
            ["Input.MiddleValueTierShare"] = "0.3",
            ["Input.NightlyCron"] = "0 2 * * *",
            ["Input.RunsToKeep"] = "30",
            ["Input.AcquisitionCosts[0].Channel"] = channel,
            ["Input.AcquisitionCosts[0].CostPerCustomer"] = cost,
        });
}
