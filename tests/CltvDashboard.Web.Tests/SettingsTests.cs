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

    [Fact]
    public async Task The_nightly_schedule_is_a_time_of_day_with_a_cron_expression_for_experts_and_time_zones_are_offered_as_a_list()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);

        var page = await client.GetStringAsync("/Settings");
        page.Should().Contain("list=\"time-zones\"").And.Contain("<option value=\"Europe/Berlin\"></option>").And.Contain("<option value=\"America/New_York\"></option>");
        page.Should().Contain("type=\"time\"").And.Contain("Recalculate every night at");

        (await SaveAsync(client, await VersionAsync(), "0.3", "", "", new() { ["Input.NightlyTime"] = "03:30" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await CronAsync()).Should().Be("30 3 * * *");
        var atTime = await client.GetStringAsync("/Settings");
        atTime.Should().MatchRegex("id=\"Input_NightlyTime\"[^>]*value=\"03:30\"|value=\"03:30\"[^>]*id=\"Input_NightlyTime\"");
        atTime.Should().NotContain("<details class=\"advanced\" open", "a nightly time needs no cron");

        var every6Hours = new Dictionary<string, string> { ["Input.NightlyTime"] = "03:30", ["Input.UseCron"] = "true", ["Input.NightlyCron"] = "0 */6 * * *" };
        (await SaveAsync(client, await VersionAsync(), "0.3", "", "", every6Hours)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await CronAsync()).Should().Be("0 */6 * * *");
        (await client.GetStringAsync("/Settings")).Should().Contain("<details class=\"advanced\" open=\"open\">", "a schedule that is not nightly shows its cron");

        var badCron = await SaveAsync(client, await VersionAsync(), "0.3", "", "", new() { ["Input.UseCron"] = "true", ["Input.NightlyCron"] = "every night" });
        var badTime = await SaveAsync(client, await VersionAsync(), "0.3", "", "", new() { ["Input.NightlyTime"] = "25:00" });
        System.Net.WebUtility.HtmlDecode(await badCron.Content.ReadAsStringAsync()).Should().Contain("'every night' is not a cron expression of five fields");
        System.Net.WebUtility.HtmlDecode(await badTime.Content.ReadAsStringAsync()).Should().Contain("'25:00' is not a time of day: give hours and minutes, such as 02:30.");
        (await CronAsync()).Should().Be("0 */6 * * *");
    }

    private async Task<string> CronAsync()
    {
        await using var context = App.CreateContext();
        return (await context.BusinessSettings.AsNoTracking().SingleAsync()).NightlyCron;
    }

    private static Task<HttpResponseMessage> SaveAsync(
        HttpClient client, int version, string profitMargin, string channel, string cost, Dictionary<string, string>? over = null)
    {
        var form = new Dictionary<string, string>
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
        };
        foreach (var (key, value) in over ?? [])
        {
            form[key] = value;
        }

        return CltvWebFactory.PostFormAsync(client, "/Settings", form);
    }
}
