using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>
/// Stands in for the pipeline's scheduler: records a run as Queued, then finishes it at once as Succeeded and
/// current, so that pages and progress displays have a real row to show.
/// </summary>
public sealed class FakeRecalculationScheduler(IServiceScopeFactory scopes) : IRecalculationScheduler
{
    private int _requests;

    /// <summary>How many recalculations were requested.</summary>
    public int Requests => _requests;

    /// <inheritdoc />
    public async Task<long> RequestAsync(CalculationTrigger trigger, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<CltvDbContext>();
        var now = DateTime.UtcNow;
        var run = new CalculationRun { Status = CalculationRunStatus.Queued, Trigger = trigger, AsOfUtc = now, RequestedAtUtc = now };
        context.CalculationRuns.Add(run);
        await context.SaveChangesAsync(cancellationToken);

        await context.CalculationRuns.Where(r => r.IsCurrent).ExecuteUpdateAsync(r => r.SetProperty(x => x.IsCurrent, false), cancellationToken);
        run.Status = CalculationRunStatus.Succeeded;
        run.StartedAtUtc = now;
        run.FinishedAtUtc = DateTime.UtcNow;
        run.Stage = "Done";
        run.PercentComplete = 100;
        run.IsCurrent = true;
        await context.SaveChangesAsync(cancellationToken);
        return run.Id;
    }
}
