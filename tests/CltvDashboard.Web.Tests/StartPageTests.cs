using System.Text;
using System.Text.RegularExpressions;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests;

/// <summary>The start page's counts come cheaply from the imports and the current run; the banner's dates are the business's.</summary>
public abstract partial class StartPageTests(InstrumentedApp fixture)
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task The_start_page_counts_from_the_imports_and_the_current_run_without_counting_the_tables()
    {
        await ClearRunsAsync();
        await ImportAsync("customer_id,date,amount\n1,2025-01-02,10\n2,2025-01-03,20\n3,2025-01-04,30\n", ImportMode.Append);
        await ImportAsync("customer_id,date,amount\n4,2025-01-05,10\n1,2025-01-02,10\n", ImportMode.Append);
        var client = await App.SignedInClientAsync(CltvRoles.Owner);

        var before = fixture.Commands.Count;
        var appended = await client.GetStringAsync("/");
        var queries = fixture.Commands.Since(before);
        await InsertCurrentRunAsync(customers: 4, asOfUtc: new DateTime(2025, 1, 6, 12, 0, 0, DateTimeKind.Utc), finishedUtc: null);
        var calculated = await client.GetStringAsync("/");
        await ImportAsync("customer_id,date,amount\n7,2025-02-01,5\n8,2025-02-02,6\n", ImportMode.Replace);
        var replaced = await client.GetStringAsync("/");

        Kpi(appended, "Transactions").Should().Be("4", "the second file repeats one row of the first");
        Kpi(appended, "Imports").Should().Be("2");
        Kpi(appended, "Customers").Should().Be("–", "no calculation has counted them yet");
        Kpi(calculated, "Customers").Should().Be("4");
        Kpi(replaced, "Transactions").Should().Be("2", "a replacing import leaves only its own rows");
        Kpi(replaced, "Imports").Should().Be("3");
        queries.Should().NotBeEmpty();
        queries.Should().NotContain(q => CountOfTable().IsMatch(q), "counting every transaction on each visit grows with the business");
    }

    [Fact]
    public async Task The_banner_shows_the_runs_dates_in_the_business_time_zone()
    {
        await ClearRunsAsync();
        await SetTimeZoneAsync("Pacific/Auckland");
        try
        {
            // 20:00 UTC on 31 March is 09:00 on 1 April in Auckland (NZDT, UTC+13).
            await InsertCurrentRunAsync(customers: 10, asOfUtc: new DateTime(2025, 3, 31, 20, 0, 0, DateTimeKind.Utc), finishedUtc: new DateTime(2025, 3, 31, 20, 5, 0, DateTimeKind.Utc));
            var client = await App.SignedInClientAsync(CltvRoles.Owner);

            var html = await client.GetStringAsync("/Runs");

            html.Should().Contain("Computed <strong>1 Apr 2025</strong>");
        }
        finally
        {
            await SetTimeZoneAsync("UTC");
        }
    }

    private static string Kpi(string html, string label)
    {
        var match = Regex.Match(html, $"<span class=\"label\">{label}</span><span class=\"value[^\"]*\">([^<]*)</span>");
        match.Success.Should().BeTrue($"the page shows {label}");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }

    [GeneratedRegex("COUNT\\(\\*\\).*FROM\\s+\"?(transactions|customers)\"?(\\s|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex CountOfTable();

    private async Task ImportAsync(string csv, ImportMode mode)
    {
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var options = new ImportOptions { Now = DateTimeOffset.UtcNow, Currency = "USD" };
        var result = await new TransactionImporter(App.Database).ImportAsync(file, new ImportRequest("orders.csv", options, mode, "tests"));
        result.RowsRejected.Should().Be(0);
    }

    private async Task ClearRunsAsync()
    {
        await using var context = App.CreateContext();
        await context.CalculationRuns.ExecuteDeleteAsync();
    }

    private async Task InsertCurrentRunAsync(int customers, DateTime asOfUtc, DateTime? finishedUtc)
    {
        await using var context = App.CreateContext();
        context.CalculationRuns.Add(new CalculationRun
        {
            Status = CalculationRunStatus.Succeeded, Trigger = CalculationTrigger.Manual, AsOfUtc = asOfUtc, RequestedAtUtc = asOfUtc, StartedAtUtc = asOfUtc,
            FinishedAtUtc = finishedUtc, IsCurrent = true, PercentComplete = 100, CustomerCount = customers,
        });
        await context.SaveChangesAsync();
    }

    private async Task SetTimeZoneAsync(string zone)
    {
        await using var context = App.CreateContext();
        await context.BusinessSettings.ExecuteUpdateAsync(set => set.SetProperty(s => s.TimeZoneId, zone).SetProperty(s => s.Version, s => s.Version + 1));
    }
}
