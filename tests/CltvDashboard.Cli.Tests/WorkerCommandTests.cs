using System.Diagnostics;
using System.Text;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Infrastructure.SampleData;
using CltvDashboard.TestSupport;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Cli.Tests;

/// <summary><c>cltv worker</c> as real processes on a shared PostgreSQL store.</summary>
public sealed class WorkerCommandTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await DatabaseMigrator.MigrateAsync(_database);
        await using var file = SampleDatasets.Cdnow.Open();
        await new TransactionImporter(_database).ImportAsync(
            file, new ImportRequest("cdnow_master.csv", new ImportOptions { Now = DateTimeOffset.UtcNow, Currency = "USD" }, ImportMode.Append, "tests"));
    }

    public async Task DisposeAsync() => await (await PostgresServer.GetAsync()).DropDatabaseAsync(_database);

    [Fact]
    public async Task A_run_whose_worker_is_killed_is_taken_over_by_another_worker_and_completes_once()
    {
        long runId;
        var storage = CltvJobStorage.Create(_database);
        await using (var context = CltvDatabase.CreateContext(_database))
        {
            runId = await new RecalculationScheduler(context, new BackgroundJobClient(storage)).RequestAsync(CalculationTrigger.Manual);
        }

        using (var first = Worker.Start(_database))
        {
            var started = await WaitForAsync(run => run.Status != CalculationRunStatus.Queued, runId);
            first.Kill();
            started.Status.Should().Be(CalculationRunStatus.Running, "the first worker must be killed mid-run; its output was:\n" + first.Output);
        }

        var killed = await RunAsync(runId);
        killed.Status.Should().Be(CalculationRunStatus.Running, "nobody is left to finish or fail the run");

        using var second = Worker.Start(_database);
        var finished = await WaitForAsync(run => run.Status is CalculationRunStatus.Succeeded or CalculationRunStatus.Failed, runId);

        finished.Status.Should().Be(CalculationRunStatus.Succeeded, finished.Error + "\n" + second.Output);
        finished.IsCurrent.Should().BeTrue();
        finished.Attempts.Should().BeGreaterThanOrEqualTo(2);
        await using var check = CltvDatabase.CreateContext(_database);
        var rows = check.CustomerMetrics.Where(m => m.CalculationRunId == runId);
        (await rows.CountAsync()).Should().Be(23_570);
        (await rows.Select(m => m.CustomerId).Distinct().CountAsync()).Should().Be(23_570);
        (await check.SegmentSummaries.Where(s => s.CalculationRunId == runId && s.Segmentation == Segmentations.Rfm).SumAsync(s => s.CustomerCount)).Should().Be(23_570);
        (await check.CalculationRuns.CountAsync()).Should().Be(1);
    }

    private async Task<CalculationRun> RunAsync(long runId)
    {
        await using var context = CltvDatabase.CreateContext(_database);
        return await context.CalculationRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
    }

    private async Task<CalculationRun> WaitForAsync(Func<CalculationRun, bool> condition, long runId)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var run = await RunAsync(runId);
            if (condition(run) || DateTime.UtcNow > until)
            {
                return run;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A <c>cltv worker</c> child process; its output is kept for failure messages.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private Worker(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static Worker Start(string database)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "cltv.dll"), "worker", "--database", database, "--takeover-seconds", "3" })
            {
                start.ArgumentList.Add(argument);
            }

            return new Worker(Process.Start(start)!);
        }

        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
