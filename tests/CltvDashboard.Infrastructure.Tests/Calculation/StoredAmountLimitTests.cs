using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Tests.Calculation;

/// <summary>
/// A SQLite store written before the import checked amounts can hold two that overflow any sum (PostgreSQL's column
/// never could); a recalculation leaves them out rather than failing on every run after.
/// </summary>
public class StoredAmountLimitTests(SqliteStoreDatabase store) : IClassFixture<SqliteStoreDatabase>
{
    [Fact]
    public async Task Amounts_stored_beyond_the_limit_are_left_out_and_the_run_succeeds()
    {
        var database = await RunStore.WithCdnowSampleAsync(store);
        await using (var context = CltvDatabase.CreateContext(database))
        {
            var template = await context.Transactions.AsNoTracking().OrderBy(t => t.Id).FirstAsync();
            foreach (var (hash, day) in new[] { ("big-a", 1), ("big-b", 2) })
            {
                await context.Database.ExecuteSqlAsync(
                    $"INSERT INTO transactions (customer_id, occurred_at_utc, amount, currency, import_batch_id, content_hash) VALUES ({template.CustomerId}, {template.OccurredAtUtc.AddDays(day)}, {"50000000000000000000000000000"}, {"USD"}, {template.ImportBatchId}, {hash})");
            }
        }

        var summary = await RunStore.RecalculateAsync(database);

        summary.Status.Should().Be(CalculationRunStatus.Succeeded);
        var customers = await RunStore.CustomersAsync(database, summary.RunId);
        customers.Sum(c => c.TotalRevenue).Should().BeLessThan(1_000_000m, "the two stored 5e28 amounts are not in any figure");
    }
}
