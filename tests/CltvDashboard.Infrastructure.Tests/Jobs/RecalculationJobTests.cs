using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Infrastructure.Tests.Calculation;
using CltvDashboard.Infrastructure.Tests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Infrastructure.Tests.Jobs;

/// <summary>Recalculation through Hangfire on each provider's job storage.</summary>
public abstract class RecalculationJobTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    private readonly TDatabase _store;

    protected RecalculationJobTests(TDatabase store) => _store = store;

    [Fact]
    public async Task Simultaneous_requests_join_one_queued_run()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        await using var host = new JobHost(database);

        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => host.RequestAsync(CalculationTrigger.Import))));

        ids.Distinct().Should().ContainSingle();
        await using var context = CltvDatabase.CreateContext(database);
        (await context.CalculationRuns.CountAsync()).Should().Be(1);
        host.Storage.GetMonitoringApi().EnqueuedCount(RecalculationJob.Queue).Should().Be(1);
    }

    [Fact]
    public async Task A_requested_run_is_processed_by_the_server_and_becomes_current()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        await using var host = new JobHost(database);
        var runId = await host.RequestAsync();

        host.StartServer();
        var run = await host.WaitForRunAsync(runId);

        run.Status.Should().Be(CalculationRunStatus.Succeeded, run.Error);
        run.IsCurrent.Should().BeTrue();
        run.CustomerCount.Should().Be(2_357);
        run.StageTimingsJson.Should().Contain("Writing results");
        (await host.RequestAsync()).Should().NotBe(runId, "a run that has started no longer takes requests");
    }

    [Fact]
    public async Task A_run_the_data_cannot_support_fails_with_a_readable_error_and_is_not_retried()
    {
        var database = await RunStore.FreshAsync(_store);
        await using var host = new JobHost(database);
        var runId = await host.RequestAsync();

        host.StartServer();
        var run = await host.WaitForRunAsync(runId);

        run.Status.Should().Be(CalculationRunStatus.Failed);
        run.Error.Should().Contain("no transactions");
        run.IsCurrent.Should().BeFalse();
        var failed = await WaitForAsync(() => host.Storage.GetMonitoringApi().FailedCount() == 1);
        failed.Should().BeTrue("the same data would fail the same way, so the job fails at once");
        host.Storage.GetMonitoringApi().ScheduledCount().Should().Be(0);
    }

    [Fact]
    public async Task A_run_that_fails_on_a_storage_error_is_retried_with_a_delay()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        await RenameAsync(database, "cohort_cells", "cohort_cells_away");
        await using var host = new JobHost(database);
        var runId = await host.RequestAsync();

        host.StartServer();
        var run = await host.WaitForRunAsync(runId);

        run.Status.Should().Be(CalculationRunStatus.Failed);
        run.Error.Should().StartWith("The run failed unexpectedly");
        var retry = await WaitForAsync(() => host.Storage.GetMonitoringApi().ScheduledCount() == 1);
        retry.Should().BeTrue("a failed attempt is scheduled again with a delay");
    }

    [Fact]
    public async Task A_retry_of_a_failed_run_after_a_newer_run_succeeded_ends_superseded_and_the_newer_run_stays_current()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        await RenameAsync(database, "cohort_cells", "cohort_cells_away");
        await using var host = new JobHost(database);
        var failedId = await host.RequestAsync();
        host.StartServer();
        (await host.WaitForRunAsync(failedId)).Status.Should().Be(CalculationRunStatus.Failed);
        (await WaitForAsync(() => host.Storage.GetMonitoringApi().ScheduledCount() == 1)).Should().BeTrue("the failed attempt waits for its retry");
        await RenameAsync(database, "cohort_cells_away", "cohort_cells");

        var newerId = await host.RequestAsync();
        (await host.WaitForRunAsync(newerId)).Status.Should().Be(CalculationRunStatus.Succeeded);
        var retryJob = host.Storage.GetMonitoringApi().ScheduledJobs(0, 10).Single().Key;
        new BackgroundJobClient(host.Storage).Requeue(retryJob).Should().BeTrue();
        (await WaitForAsync(() => host.Storage.GetMonitoringApi().JobDetails(retryJob).History[0].StateName == "Succeeded"))
            .Should().BeTrue("the retry finds its run overtaken and ends without failing");

        var old = await RunStore.RunAsync(database, failedId);
        old.Status.Should().Be(CalculationRunStatus.Superseded);
        old.IsCurrent.Should().BeFalse();
        (await RunStore.CurrentRunIdAsync(database)).Should().Be(newerId);
        (await RunStore.CustomersAsync(database, failedId)).Should().BeEmpty();
    }

    [Fact]
    public async Task Runs_left_queued_or_running_by_a_dead_process_are_queued_again_and_the_newest_completes()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        var now = DateTime.UtcNow;
        var queued = new CalculationRun { Status = CalculationRunStatus.Queued, Trigger = CalculationTrigger.Import, AsOfUtc = now, RequestedAtUtc = now };
        var running = new CalculationRun { Status = CalculationRunStatus.Running, Trigger = CalculationTrigger.Manual, AsOfUtc = now, RequestedAtUtc = now, StartedAtUtc = now, Attempts = 1 };
        await using (var context = CltvDatabase.CreateContext(database))
        {
            context.CalculationRuns.AddRange(queued, running);
            await context.SaveChangesAsync();
        }

        await using var host = new JobHost(database);

        var recovered = await host.InScopeAsync(services => services.GetRequiredService<StaleRunRecovery>().RecoverAsync());
        host.StartServer();

        recovered.Should().BeEquivalentTo([queued.Id, running.Id]);
        (await host.WaitForRunAsync(running.Id)).Status.Should().Be(CalculationRunStatus.Succeeded);
        (await host.WaitForRunAsync(queued.Id)).Status.Should().Be(CalculationRunStatus.Superseded, "the newer run covers everything the older one would");
        (await RunStore.CustomersAsync(database, running.Id)).Should().HaveCount(2_357);
    }

    [Fact]
    public async Task Recovery_leaves_a_run_whose_job_the_storage_still_holds_to_that_job()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        var now = DateTime.UtcNow;
        var running = new CalculationRun { Status = CalculationRunStatus.Running, Trigger = CalculationTrigger.Import, AsOfUtc = now, RequestedAtUtc = now, StartedAtUtc = now, Attempts = 1 };
        await using (var context = CltvDatabase.CreateContext(database))
        {
            context.CalculationRuns.Add(running);
            await context.SaveChangesAsync();
        }

        await using var host = new JobHost(database);
        // The job of a worker on another instance, or one Hangfire delivers again after its invisibility timeout.
        await host.InScopeAsync(services =>
        {
            services.GetRequiredService<IBackgroundJobClient>().Enqueue<RecalculationJob>(RecalculationJob.Queue, job => job.RunAsync(running.Id, CancellationToken.None));
            return Task.FromResult(0);
        });

        var recovered = await host.InScopeAsync(services => services.GetRequiredService<StaleRunRecovery>().RecoverAsync());

        recovered.Should().BeEmpty();
        host.Storage.GetMonitoringApi().EnqueuedCount(RecalculationJob.Queue).Should().Be(1, "one job per run, so the run is carried out once");
    }

    [Fact]
    public async Task Nightly_job_is_registered_from_the_stored_cron_and_time_zone_and_follows_changes()
    {
        var database = await RunStore.FreshAsync(_store);
        await using var host = new JobHost(database);

        await host.InScopeAsync(services => services.GetRequiredService<NightlyRecalculation>().RegisterAsync());
        var first = RecurringJobs(host);
        await RunStore.ChangeSettingsAsync(database, s =>
        {
            s.NightlyCron = "30 3 * * *";
            s.TimeZoneId = "Europe/Berlin";
        });
        await host.InScopeAsync(services => services.GetRequiredService<NightlyRecalculation>().RegisterAsync());
        var second = RecurringJobs(host);

        first.Should().ContainSingle();
        first[0].Id.Should().Be(NightlyRecalculation.RecurringJobId);
        first[0].Cron.Should().Be("0 2 * * *");
        first[0].TimeZoneId.Should().BeOneOf("UTC", "Etc/UTC");
        first[0].Job.Queue.Should().Be(RecalculationJob.Queue);
        first[0].Job.Method.Name.Should().Be(nameof(RecalculationJob.RequestNightlyAsync));
        second.Should().ContainSingle();
        second[0].Cron.Should().Be("30 3 * * *");
        second[0].TimeZoneId.Should().Be("Europe/Berlin");
        second[0].NextExecution.Should().NotBeNull();
        var next = TimeZoneInfo.ConvertTimeFromUtc(second[0].NextExecution!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        (next.Hour, next.Minute).Should().Be((3, 30));
    }

    [Fact]
    public async Task The_nightly_job_requests_a_scheduled_run()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        await using var host = new JobHost(database);
        await host.InScopeAsync(services => services.GetRequiredService<NightlyRecalculation>().RegisterAsync());
        host.StartServer();

        new Hangfire.RecurringJobManager(host.Storage).Trigger(NightlyRecalculation.RecurringJobId);
        var runId = await WaitForScheduledRunAsync(database);

        (await host.WaitForRunAsync(runId)).Status.Should().Be(CalculationRunStatus.Succeeded);
    }

    private static async Task RenameAsync(string database, string from, string to)
    {
        await using var context = CltvDatabase.CreateContext(database);
        // Table names cannot be parameters; these are the tests' own constants.
        var rename = $"ALTER TABLE {from} RENAME TO {to}";
        await context.Database.ExecuteSqlRawAsync(rename);
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    private static List<RecurringJobDto> RecurringJobs(JobHost host)
    {
        using var connection = host.Storage.GetConnection();
        return connection.GetRecurringJobs();
    }

    private static async Task<long> WaitForScheduledRunAsync(string database)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            await using var context = CltvDatabase.CreateContext(database);
            var id = await context.CalculationRuns.Where(r => r.Trigger == CalculationTrigger.Schedule).Select(r => (long?)r.Id).FirstOrDefaultAsync();
            if (id is { } found)
            {
                return found;
            }

            DateTime.UtcNow.Should().BeBefore(until, "the nightly job should have requested a run");
            await Task.Delay(100);
        }
    }
}
