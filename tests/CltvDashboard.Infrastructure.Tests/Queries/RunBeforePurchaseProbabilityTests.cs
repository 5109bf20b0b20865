using System.Text.Json.Nodes;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Infrastructure.Tests.Calculation;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Tests.Queries;

/// <summary>
/// A run stored before the chance of buying again existed: its settings JSON has no window and its customers no
/// chance or next purchase. Its settings read with the defaults and every read of it keeps working.
/// </summary>
public abstract class RunBeforePurchaseProbabilityTests<TDatabase>(TDatabase store) : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    [Fact]
    public async Task The_list_the_overdue_filter_and_the_customer_page_read_a_run_without_the_new_figures()
    {
        var database = await RunStore.WithCdnowSampleAsync(store);
        var summary = await RunStore.RecalculateAsync(database);
        await using (var context = CltvDatabase.CreateContext(database))
        {
            var run = await context.CalculationRuns.SingleAsync(r => r.Id == summary.RunId);
            var old = JsonNode.Parse(run.SettingsJson!)!.AsObject();
            old.Remove(nameof(RunSettings.PurchaseWindowDays));
            run.SettingsJson = old.ToJsonString();
            await context.SaveChangesAsync();
            await context.CustomerMetrics.Where(m => m.CalculationRunId == summary.RunId).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.PurchaseProbability, (double?)null)
                .SetProperty(m => m.ExpectedNextPurchase, (DateOnly?)null));
        }

        await using var reading = CltvDatabase.CreateContext(database);
        var dashboard = await new RunContextQueries(reading, new RunResultCache()).ContextAsync();
        using var cache = new RunResultCache();
        var list = new CustomerListQueries(reading, cache);
        var today = new DateOnly(2030, 1, 1);

        var sorted = await list.CustomersAsync(dashboard.Current!, null, new CustomerListRequest(Sort: CustomerSort.ExpectedNextPurchase, PageSize: 10, Today: today));
        var overdue = await list.CustomersAsync(dashboard.Current!, null, new CustomerListRequest(Preset: CustomerPreset.Overdue, Today: today));
        var customer = await new CustomerQueries(reading).CustomerAsync(summary.RunId, sorted.Items[0].CustomerId);

        dashboard.PurchaseWindowDays.Should().Be(BusinessSettings.DefaultPurchaseWindowDays);
        sorted.TotalCount.Should().Be(summary.Customers);
        sorted.Items.Should().OnlyContain(c => c.PurchaseProbability == null && c.ExpectedNextPurchase == null && !c.Overdue);
        overdue.TotalCount.Should().Be(0, "nobody has an expected next purchase to be late for");
        customer!.Current.PurchaseProbability.Should().BeNull();
    }
}

/// <summary>On the SQLite default.</summary>
public sealed class SqliteRunBeforePurchaseProbabilityTests(SqliteStoreDatabase store) : RunBeforePurchaseProbabilityTests<SqliteStoreDatabase>(store);

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresRunBeforePurchaseProbabilityTests(PostgresStoreDatabase store) : RunBeforePurchaseProbabilityTests<PostgresStoreDatabase>(store);
