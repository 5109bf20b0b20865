using System.Text.Json;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Infrastructure.Tests.Calculation;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Tests.Queries;

/// <summary>Every page's figures of a run are those of the settings the run was computed with, whatever the settings are now.</summary>
public abstract class OldRunFiguresTests<TDatabase>(TDatabase store) : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    // Tuples (model parameters) serialise by their fields.
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    [Fact]
    public async Task Each_pages_figures_of_a_run_keep_its_settings_after_they_change_and_the_next_run_uses_the_new_ones()
    {
        var database = await RunStore.WithCdnowSampleAsync(store);
        var first = await RunStore.RecalculateAsync(database);
        var before = await ContextAsync(database);
        var figures = await FiguresAsync(database, before.Current!);

        await RunStore.ChangeSettingsAsync(database, settings =>
        {
            settings.CurrencyCode = "EUR";
            settings.TimeZoneId = "America/New_York";
            settings.ActiveProbabilityThreshold = 0.8;
            settings.ForecastHorizonMonths = 24;
        });
        var changed = await ContextAsync(database);
        var unchanged = await FiguresAsync(database, before.Current!);

        before.Should().Be(changed, "the run shown is still the one computed with the old settings, so the pages format with those");
        (before.ActiveProbabilityThreshold, before.ForecastHorizonMonths).Should().Be((0.5, 12));
        before.CurrencyCode.Should().NotBe("EUR");
        before.TimeZoneId.Should().NotBe("America/New_York");
        unchanged.Should().Be(figures);

        var second = await RunStore.RecalculateAsync(database);
        var after = await ContextAsync(database);
        var old = await FiguresAsync(database, before.Current!);

        after.Current!.Id.Should().Be(second.RunId);
        after.Previous!.Id.Should().Be(first.RunId);
        (after.TimeZoneId, after.ActiveProbabilityThreshold, after.ForecastHorizonMonths).Should().Be(("America/New_York", 0.8, 24));
        after.CurrencyCode.Should().Be(before.CurrencyCode, "the data are in their own currency: the setting only names that of rows that name none, and never relabels figures");
        old.Should().Be(figures, "the old run's figures stay as they were computed");
        await using var context = CltvDatabase.CreateContext(database);
        var customers = await context.CustomerMetrics.AsNoTracking().Where(m => m.CalculationRunId == second.RunId).ToListAsync();
        var kpis = (await new OverviewQueries(context).KpisAsync(second.RunId))!;
        kpis.ActiveCustomers.Should().Be(customers.Count(c => c.ProbabilityAlive >= 0.8), "the new run counts active customers at the new threshold");
        kpis.ActiveCustomers.Should().BeLessThan((await new OverviewQueries(context).KpisAsync(first.RunId))!.ActiveCustomers);
    }

    [Fact]
    public async Task A_run_stored_before_the_rule_of_thumb_reads_it_as_absent()
    {
        var database = await RunStore.WithCdnowSampleAsync(store);
        var run = (await RunStore.RecalculateAsync(database)).RunId;
        await using var context = CltvDatabase.CreateContext(database);
        await context.KpiSummaries.Where(k => k.CalculationRunId == run).ExecuteUpdateAsync(k => k
            .SetProperty(x => x.RuleOfThumbClv, (decimal?)null)
            .SetProperty(x => x.RuleOfThumbPurchasesPerYear, (double?)null)
            .SetProperty(x => x.YearlyRetention, (double?)null)
            .SetProperty(x => x.RuleOfThumbLifespanYears, (double?)null)
            .SetProperty(x => x.RuleOfThumbAcquisitionCost, (decimal?)null));
        await context.SegmentSummaries.Where(s => s.CalculationRunId == run).ExecuteUpdateAsync(s => s.SetProperty(x => x.RuleOfThumbClv, (decimal?)null));

        var kpis = await new OverviewQueries(context).KpisAsync(run);
        var segments = await new SegmentsQueries(context).SegmentsAsync(run, Segmentations.ValueTier);

        kpis!.RuleOfThumb.Should().Be(new RuleOfThumbKpi(null, null, null, null, null));
        kpis.MeanClv.Should().NotBeNull("the model's figures are there as before");
        segments.Should().NotBeEmpty().And.OnlyContain(s => s.RuleOfThumbClv == null);
    }

    private static async Task<DashboardContext> ContextAsync(string database)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await new RunContextQueries(context, new RunResultCache()).ContextAsync();
    }

    // What every page and API call shows of a run, as text.
    private static async Task<string> FiguresAsync(string database, RunHeader run)
    {
        await using var context = CltvDatabase.CreateContext(database);
        using var cache = new RunResultCache();
        var overview = new OverviewQueries(context);
        var segments = new SegmentsQueries(context);
        var list = new CustomerListQueries(context, cache);
        var cohorts = new CohortsQueries(context);
        var health = new ModelHealthQueries(context);
        var page = await list.CustomersAsync(run, null, new CustomerListRequest(PageSize: 20));
        var figures = new Dictionary<string, object?>
        {
            ["kpis"] = await overview.KpisAsync(run.Id),
            ["distribution"] = await overview.ClvDistributionAsync(run.Id),
            ["value-by-segment"] = await overview.ValueBySegmentAsync(run.Id),
            ["trend"] = await overview.TrendAsync(run.Id),
            ["grid"] = await segments.RfmGridAsync(run.Id),
            ["customers"] = page,
            ["at-risk"] = await list.CustomersAsync(run, null, new CustomerListRequest(Preset: CustomerPreset.HighValueAtRisk, PageSize: 20)),
            ["customer"] = await new CustomerQueries(context).CustomerAsync(run.Id, page.Items[0].CustomerId),
            ["cohorts"] = await cohorts.CohortsAsync(run.Id),
            ["channels"] = await cohorts.ChannelTableAsync(run.Id),
            ["model-health"] = await health.ModelHealthAsync(run.Id),
            ["model-checks"] = await health.ModelChecksAsync(run.Id),
            ["what-if"] = await new WhatIfQueries(context, cache).ProjectAsync(run.Id, new WhatIfScenario(null, 0.1, 0, 0)),
        };
        foreach (var segmentation in Segmentations.All)
        {
            figures["segments-" + segmentation] = await segments.SegmentsAsync(run.Id, segmentation);
        }

        foreach (var segmentation in new[] { Segmentations.Rfm, Segmentations.ValueTier, Segmentations.ChurnRisk })
        {
            figures["moves-" + segmentation] = await segments.StoredMigrationAsync(run.Id, segmentation);
        }

        return JsonSerializer.Serialize(figures, Json);
    }
}

/// <summary>On the SQLite default.</summary>
public sealed class SqliteOldRunFiguresTests(SqliteStoreDatabase store) : OldRunFiguresTests<SqliteStoreDatabase>(store);

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresOldRunFiguresTests(PostgresStoreDatabase store) : OldRunFiguresTests<PostgresStoreDatabase>(store);
