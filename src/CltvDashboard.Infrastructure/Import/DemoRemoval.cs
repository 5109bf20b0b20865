using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>What removing the demo did, or why it did nothing.</summary>
/// <param name="Refusal">Why nothing was removed; null when the demo was removed.</param>
/// <param name="Customers">Customers deleted.</param>
/// <param name="Transactions">Transactions deleted.</param>
/// <param name="Runs">Calculation runs deleted with all their results.</param>
/// <param name="Imports">Imports of the demo deleted with their reports.</param>
public sealed record DemoRemovalResult(string? Refusal, int Customers, int Transactions, int Runs, int Imports)
{
    /// <summary>Whether the demo was removed.</summary>
    public bool Removed => Refusal is null;
}

/// <summary>
/// Removes the demo dataset and everything made from it — customers, transactions, runs with their results (channels
/// and cohorts included), its imports with their reports — in one transaction, leaving an empty store.
/// </summary>
public sealed class DemoRemoval(CltvContextFactory contexts)
{
    /// <summary>Why the demo cannot be removed now, or null when it can; for the confirmation page.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<string?> RefusalAsync(CancellationToken cancellationToken = default)
    {
        var context = contexts.CreateDbContext();
        await using (context.ConfigureAwait(false))
        {
            return await RefusalAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the demo when the store holds only the demo and nothing is being imported or calculated.</summary>
    /// <param name="cancellationToken">Cancels the removal; nothing is removed then.</param>
    public async Task<DemoRemovalResult> RemoveAsync(CancellationToken cancellationToken = default)
    {
        var context = contexts.CreateDbContext();
        await using (context.ConfigureAwait(false))
        {
            var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (await RefusalAsync(context, cancellationToken).ConfigureAwait(false) is { } refusal)
                {
                    return new DemoRemovalResult(refusal, 0, 0, 0, 0);
                }

                var demo = (await DatasetGenerations.CurrentAsync(context, cancellationToken).ConfigureAwait(false))!;
                var transactions = await context.Transactions.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                var customers = await context.Customers.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                var (runs, imports) = await DatasetGenerations.RemoveComputedAsync(context, demo.Id, cancellationToken).ConfigureAwait(false);
                // Attempts at loading the demo that stored nothing (failed, or cut off and redone) are the demo's too.
                imports += await context.ImportBatches.Where(b => b.DatasetId == null && b.FileName == demo.FileName && b.Status != ImportStatus.Running)
                    .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new DemoRemovalResult(null, customers, transactions, runs, imports);
            }
        }
    }

    private static async Task<string?> RefusalAsync(CltvDbContext context, CancellationToken cancellationToken)
    {
        if (await DatasetGenerations.CurrentAsync(context, cancellationToken).ConfigureAwait(false) is not { Kind: DatasetKind.Demo })
        {
            return "The store does not hold the demo data: there is nothing to remove.";
        }

        if (await context.ImportBatches.AnyAsync(b => b.Status == ImportStatus.Running, cancellationToken).ConfigureAwait(false))
        {
            return "An import is under way; remove the demo data once it has finished.";
        }

        return await context.CalculationRuns.AnyAsync(r => r.Status == CalculationRunStatus.Queued || r.Status == CalculationRunStatus.Running, cancellationToken).ConfigureAwait(false)
            ? "A calculation is under way on the demo data; remove it once the calculation has finished (see Runs)."
            : null;
    }
}
