using System.Net;
using CltvDashboard.Domain.Alerts;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests.Pages.Alerts;

/// <summary>The Alerts page: Owners read what fired, Analysts change the rules.</summary>
public sealed class AlertsPageTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task An_owner_reads_the_rules_but_cannot_change_them()
    {
        using var owner = await App.SignedInClientAsync(CltvRoles.Owner);

        var page = await owner.GetStringAsync("/Alerts");
        var post = await CltvWebFactory.PostFormAsync(owner, "/Runs", new() { ["Rules.OverdueDays"] = "5", ["Rules.Overdue"] = "true" }, "/Alerts?handler=Rules");

        page.Should().Contain("Overdue by more than").And.Contain("Analysts change the rules.").And.NotContain("Save rules");
        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var context = App.CreateContext();
        (await context.AlertSettings.AnyAsync(s => s.OverdueDays == 5)).Should().BeFalse();
    }

    [Fact]
    public async Task An_analyst_changes_the_rules_and_a_figure_out_of_range_is_refused_with_its_reason()
    {
        using var analyst = await App.SignedInClientAsync(CltvRoles.Analyst);

        var refused = await CltvWebFactory.PostFormAsync(analyst, "/Alerts", new() { ["Rules.OverdueDays"] = "-3", ["Rules.SegmentChangePercent"] = "20" }, "/Alerts?handler=Rules");
        var saved = await CltvWebFactory.PostFormAsync(
            analyst,
            "/Alerts",
            new() { ["Rules.HighValueAtRisk"] = "true", ["Rules.Overdue"] = "true", ["Rules.OverdueDays"] = "45", ["Rules.SegmentChange"] = "false", ["Rules.SegmentChangePercent"] = "35", ["Rules.RunProblem"] = "true" },
            "/Alerts?handler=Rules");

        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Days overdue must be between 0 and 3650.");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var context = App.CreateContext();
        (await context.AlertSettings.AsNoTracking().SingleAsync()).ToRules().Should().Be(new AlertRuleSettings(true, true, 45, false, 35, true));
    }

    [Fact]
    public async Task A_firing_is_listed_with_its_customers_and_their_figures_for_an_owner()
    {
        await using (var context = App.CreateContext())
        {
            var customer = new Customer { ExternalId = "alert-page/7", FirstSeenAtUtc = DateTime.UtcNow };
            var run = new CalculationRun { Status = CalculationRunStatus.Succeeded, Currency = "EUR", ObservationEnd = new DateOnly(1998, 6, 30), RequestedAtUtc = DateTime.UtcNow };
            context.AddRange(customer, run);
            await context.SaveChangesAsync();
            var firing = new AlertFiring { Rule = AlertRuleKind.HighValueAtRisk, CalculationRunId = run.Id, FiredAtUtc = DateTime.UtcNow, Summary = "1 high-value customer fell below a 30 % chance of buying again since the previous run." };
            firing.Customers.Add(new AlertFiringCustomer { CustomerId = customer.Id, PurchaseProbability = 0.21, PreviousPurchaseProbability = 0.47, PredictedClv = 812.5m });
            context.AlertFirings.Add(firing);
            await context.SaveChangesAsync();
        }

        using var owner = await App.SignedInClientAsync(CltvRoles.Owner);
        var page = await owner.GetStringAsync("/Alerts");

        page.Should().Contain("1 high-value customer fell below a 30 % chance of buying again since the previous run.")
            .And.Contain("href=\"/Customers/alert-page/7\"")
            .And.Contain("21.0 %").And.Contain("47.0 %").And.Contain("812.50");
    }
}
