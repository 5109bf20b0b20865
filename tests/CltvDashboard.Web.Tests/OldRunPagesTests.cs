using System.Text.RegularExpressions;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests;

/// <summary>The pages, API and exports of a run show it as computed, with its own settings, after the settings change.</summary>
public sealed partial class OldRunPagesTests(DemoApp demo) : IClassFixture<DemoApp>
{
    private static readonly string[] Urls =
    [
        "/Overview", "/Segments", "/Customers", "/Customers?preset=HighValueAtRisk", "/Cohorts", "/ModelHealth", "/WhatIf?Retention=10",
        "/api/v1/kpis", "/api/v1/segments/rfm", "/api/v1/segments/churn-risk", "/api/v1/customers", "/api/v1/cohorts",
        "/exports/segments/value-tier.csv", "/exports/rfm-grid.csv", "/exports/customers.csv", "/exports/cohorts.csv", "/exports/model-fits.csv",
    ];

    [Fact]
    public async Task Every_page_and_api_call_shows_the_current_run_as_computed_after_the_settings_change()
    {
        using var client = await demo.SignedInClientAsync(CltvRoles.Analyst);
        var before = await ReadAllAsync(client);

        await using (var context = demo.App.CreateContext())
        {
            var settings = await context.BusinessSettings.SingleAsync();
            settings.CurrencyCode = "EUR";
            settings.TimeZoneId = "Asia/Tokyo";
            settings.ActiveProbabilityThreshold = 0.9;
            settings.ForecastHorizonMonths = 36;
            settings.Version++;
            await context.SaveChangesAsync();
        }

        var after = await ReadAllAsync(client);

        after.Should().Equal(before);
        before["/Overview"].Should().Contain("next 12 months", "the run was computed with a 12-month horizon").And.NotContain("€");
    }

    private static async Task<Dictionary<string, string>> ReadAllAsync(HttpClient client)
    {
        var pages = new Dictionary<string, string>();
        foreach (var url in Urls)
        {
            var response = await client.GetAsync(url);
            response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, url);
            // Antiforgery tokens differ on every response.
            pages[url] = Token().Replace(await response.Content.ReadAsStringAsync(), "");
        }

        return pages;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex Token();
}
