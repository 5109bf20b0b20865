using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Infrastructure.Tests.Calculation;
using CltvDashboard.Infrastructure.Tests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CltvDashboard.Infrastructure.Tests.Jobs;

/// <summary>
/// A worker that dies part-way through a run on PostgreSQL's shared job storage, with the storage's default timeouts:
/// its heartbeat stops, and another worker resumes the run within a minute.
/// </summary>
public sealed class DeadWorkerTests(PostgresStoreDatabase store, ITestOutputHelper output) : IClassFixture<PostgresStoreDatabase>
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_run_whose_worker_died_while_writing_results_is_resumed_by_another_worker_within_a_minute()
    {
        var database = await RunStore.WithCdnowSampleAsync(store);
        await using var host = new JobHost(database);
        var runId = await host.RequestAsync();

        // The worker that dies: it takes the job as a Hangfire worker does and gets as far as writing the results,
        // then nothing more, not even its heartbeat (its storage's keep-alive runs only inside a live server).
        var dyingStorage = CltvJobStorage.Create(database);
        using var dyingConnection = dyingStorage.GetConnection();
        var taken = dyingConnection.FetchNextJob([RecalculationJob.Queue], CancellationToken.None);
        await using (var context = CltvDatabase.CreateContext(database))
        {
            await context.CalculationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, CalculationRunStatus.Running)
                .SetProperty(r => r.StartedAtUtc, DateTime.UtcNow)
                .SetProperty(r => r.Attempts, 1)
                .SetProperty(r => r.Stage, RunStages.Writing)
                .SetProperty(r => r.PercentComplete, 90));
        }

        var died = DateTime.UtcNow;
        host.StartServer();
        var resumedAt = await WaitForResumeAsync(database, runId, died + (2 * Minute));
        var run = await host.WaitForRunAsync(runId);
        output.WriteLine($"Resumed {(resumedAt - died)?.TotalSeconds:0.0} s after the worker died; finished {(run.FinishedAtUtc - died)?.TotalSeconds:0.0} s after.");

        taken.Should().NotBeNull();
        resumedAt.Should().NotBeNull("another worker takes the run over");
        (resumedAt!.Value - died).Should().BeLessThan(Minute, "a dead worker is noticed within a minute");
        run.Status.Should().Be(CalculationRunStatus.Succeeded, run.Error);
        run.Attempts.Should().Be(2);
        run.ResumedAtUtc.Should().Be(resumedAt);
        run.IsCurrent.Should().BeTrue();
        (await RunStore.CustomersAsync(database, runId)).Should().HaveCount(2_357);
    }

    private static async Task<DateTime?> WaitForResumeAsync(string database, long runId, DateTime until)
    {
        while (DateTime.UtcNow < until)
        {
            await using var context = CltvDatabase.CreateContext(database);
            if (await context.CalculationRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.ResumedAtUtc).SingleAsync() is { } resumed)
            {
                return resumed;
            }

            await Task.Delay(250);
        }

        return null;
    }
}
