using System.Net;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests;

/// <summary>The dashboards' empty states, role rules and exports on stores set up row by row.</summary>
public sealed class DashboardPageTests(SqliteApp fixture) : IClassFixture<SqliteApp>, IAsyncLifetime
{
    private static readonly string[] Pages = ["/Overview", "/Segments", "/Customers", "/WhatIf"];

    private CltvWebFactory App => fixture.App;

    public async Task InitializeAsync()
    {
        await using var context = App.CreateContext();
        await context.CustomerMetrics.ExecuteDeleteAsync();
        await context.SegmentSummaries.ExecuteDeleteAsync();
        await context.CalculationRuns.ExecuteDeleteAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Before_any_run_every_dashboard_explains_how_to_get_results()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        foreach (var page in Pages)
        {
            var html = await client.GetStringAsync(page);
            html.Should().Contain("No results yet", page).And.Contain("load the CDNOW demo", page);
        }
    }

    [Fact]
    public async Task Before_any_run_the_analyst_pages_explain_it_too_and_exports_are_not_found()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);

        foreach (var page in new[] { "/Cohorts", "/ModelHealth" })
        {
            (await client.GetStringAsync(page)).Should().Contain("No results yet", page);
        }

        foreach (var export in new[] { "/exports/customers.csv", "/exports/rfm-grid.csv", "/exports/segments/rfm.csv", "/exports/cohorts.csv", "/exports/model-fits.csv" })
        {
            (await client.GetAsync(export)).StatusCode.Should().Be(HttpStatusCode.NotFound, export);
        }
    }

    [Fact]
    public async Task Model_health_of_a_run_without_a_holdout_explains_why_there_is_no_tracking_chart()
    {
        await InsertRunAsync(CalculationRunStatus.Succeeded, current: true);
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);

        var html = await client.GetStringAsync("/ModelHealth");

        html.Should().Contain("holdout-checks-empty").And.Contain("This run kept no holdout period");
        html.Should().NotContain("data-chart=\"tracking\"").And.NotContain("chart-tracking.js");
    }

    [Fact]
    public async Task Owners_cannot_download_the_analyst_exports()
    {
        await InsertRunAsync(CalculationRunStatus.Succeeded, current: true);
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        (await client.GetAsync("/exports/cohorts.csv")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/exports/model-fits.csv")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/exports/rfm-grid.csv")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task While_the_first_run_calculates_every_dashboard_shows_its_progress()
    {
        await InsertRunAsync(CalculationRunStatus.Running, stage: "Fitting models", percent: 40);
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        foreach (var page in Pages)
        {
            var html = await client.GetStringAsync(page);
            html.Should().Contain("Your first results are being calculated", page).And.Contain("40 %", page);
        }
    }

    [Fact]
    public async Task A_run_taken_over_from_a_worker_that_stopped_says_it_is_being_resumed()
    {
        var runId = await InsertRunAsync(CalculationRunStatus.Running, stage: "Reading transactions", percent: 5);
        await using (var context = App.CreateContext())
        {
            await context.CalculationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.ResumedAtUtc, new DateTime(2024, 7, 1, 12, 30, 0, DateTimeKind.Utc))
                .SetProperty(r => r.StartedAtUtc, new DateTime(2024, 7, 1, 12, 30, 0, DateTimeKind.Utc))
                .SetProperty(r => r.Attempts, 2));
        }

        var client = await App.SignedInClientAsync(CltvRoles.Analyst);

        var runs = await client.GetStringAsync("/Runs");
        runs.Should().Contain("Being resumed since 2024-07-01 12:30:00 UTC: the worker running it stopped, and another took it over.");
        (await client.GetStringAsync("/Overview")).Should().Contain("being resumed since 2024-07-01 12:30 UTC: the worker running it stopped");
        (await client.GetStringAsync($"/api/runs/{runId}/status")).Should().Contain("\"resumedAtUtc\":\"2024-07-01T12:30:00");
    }

    [Fact]
    public async Task After_a_failed_first_run_every_dashboard_says_why()
    {
        await InsertRunAsync(CalculationRunStatus.Failed, error: "Too few repeat customers to fit a model.");
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        foreach (var page in Pages)
        {
            var html = await client.GetStringAsync(page);
            html.Should().Contain("The calculation did not finish", page).And.Contain("Too few repeat customers to fit a model.", page);
        }
    }

    [Fact]
    public async Task A_failed_run_after_a_good_one_keeps_the_good_results_with_a_notice()
    {
        var good = await InsertRunAsync(CalculationRunStatus.Succeeded, current: true);
        await InsertCustomerAsync(good, "c-1", 120m);
        await InsertRunAsync(CalculationRunStatus.Failed, error: "The database went away.");
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var html = await client.GetStringAsync("/Customers");

        html.Should().Contain("c-1").And.Contain($"these figures are from the last successful run #{good}");
    }

    [Fact]
    public async Task Customer_export_neutralises_formulas_and_names_the_run_and_date()
    {
        var run = await InsertRunAsync(CalculationRunStatus.Succeeded, current: true);
        await InsertCustomerAsync(run, "=HYPERLINK(\"http://evil.example\")", 99.5m);
        await InsertCustomerAsync(run, "-refund-guy", -5m);
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var response = await client.GetAsync("/exports/customers.csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().Be($"cltv-customers-run-{run}-data-to-2024-06-30-in-USD.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3);
        lines[1].Should().StartWith("\"'=HYPERLINK(\"\"http://evil.example\"\")\",Champions,Top,Low,0.9,");
        lines[2].Should().StartWith("'-refund-guy,").And.Contain(",-5,", "a negative number stays a number");
    }

    [Fact]
    public async Task Customer_history_export_neutralises_a_formula_like_customer_id()
    {
        var run = await InsertRunAsync(CalculationRunStatus.Succeeded, current: true);
        await InsertCustomerAsync(run, "=cmd|' /C calc'!A0", 12m);
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var response = await client.GetAsync("/exports/customers/history.csv?id=" + Uri.EscapeDataString("=cmd|' /C calc'!A0"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().Be($"cltv-customer-cmd----c-calc--a0-history-run-{run}-data-to-2024-06-30-in-USD.csv", "only letters and digits of the id reach the file name");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2, "no purchases are stored, one run row");
        lines[1].Should().Be($"run,'=cmd|' /C calc'!A0,2024-06-30,,,,{run},Champions,Top,0.9,2,12", "the id starts with a quote, so a spreadsheet shows it as text");
    }

    [Fact]
    public async Task Unknown_customer_and_unknown_export_are_not_found()
    {
        await InsertRunAsync(CalculationRunStatus.Succeeded, current: true);
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        (await client.GetAsync("/Customers/987654")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/exports/segments/not-a-segmentation.csv")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/exports/customers/history.csv?id=987654")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Runs_table_shows_notes_of_successful_runs_as_notes_and_an_error_column_only_for_failures()
    {
        var succeeded = await InsertRunAsync(CalculationRunStatus.Succeeded);
        await using (var context = App.CreateContext())
        {
            await context.CalculationRuns.Where(r => r.Id == succeeded).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Warnings, "Only 12 % of customers bought twice.\nThe history is shorter than a year."));
        }

        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var clean = await client.GetStringAsync("/Runs");
        await InsertRunAsync(CalculationRunStatus.Failed, error: "The store could not be read.");
        var withFailure = await client.GetStringAsync("/Runs");

        clean.Should().Contain("<th>Notes</th>").And.NotContain("<th>Error</th>", "no run failed")
            .And.Contain("2 data-quality notes").And.Contain("<li>Only 12 % of customers bought twice.</li>");
        clean.Should().NotContain("class=\"error-text\">Only 12 %", "a successful run's notes are not errors");
        withFailure.Should().Contain("<th>Error</th>").And.Contain("<td class=\"error-text\">The store could not be read.</td>");
    }

    [Fact]
    public async Task Owners_see_the_dashboards_in_the_navigation()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var html = await client.GetStringAsync("/Runs");

        html.Should().Contain("href=\"/Overview\"").And.Contain("href=\"/Segments\"").And.Contain("href=\"/Customers\"");
    }

    private async Task<long> InsertRunAsync(CalculationRunStatus status, bool current = false, string? stage = null, int percent = 100, string? error = null)
    {
        await using var context = App.CreateContext();
        var run = new CalculationRun
        {
            Status = status,
            AsOfUtc = new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc),
            RequestedAtUtc = DateTime.UtcNow,
            ObservationEnd = new DateOnly(2024, 6, 30),
            Currency = "USD",
            Stage = stage,
            PercentComplete = percent,
            Error = error,
            IsCurrent = current,
        };
        context.CalculationRuns.Add(run);
        await context.SaveChangesAsync();
        return run.Id;
    }

    private async Task InsertCustomerAsync(long runId, string externalId, decimal revenue)
    {
        await using var context = App.CreateContext();
        var customer = await context.Customers.SingleOrDefaultAsync(c => c.ExternalId == externalId);
        if (customer is null)
        {
            customer = new Customer { ExternalId = externalId, FirstSeenAtUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
            context.Customers.Add(customer);
            await context.SaveChangesAsync();
        }

        context.CustomerMetrics.Add(new RunCustomerMetric
        {
            CalculationRunId = runId,
            CustomerId = customer.Id,
            Frequency = 3,
            DaysSinceLastPurchase = 10,
            TotalRevenue = revenue,
            RecencyScore = 5,
            FrequencyScore = 5,
            MonetaryScore = 5,
            Segment = "Champions",
            ValueTier = "Top",
            ChurnRiskBand = "Low",
            AcquisitionCohort = new DateOnly(2024, 1, 1),
            ProbabilityAlive = 0.9,
            ExpectedPurchases = 2,
            PredictedClv = revenue,
        });
        await context.SaveChangesAsync();
    }
}
