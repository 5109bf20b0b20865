using System.CommandLine;
using CltvDashboard.Cli.Output;
using CltvDashboard.Infrastructure;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Cli.Commands;

/// <summary>
/// <c>cltv worker</c>: a Hangfire server that processes the recalculation queue until stopped (Ctrl+C), for
/// scaling out on a shared PostgreSQL store.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(TextWriter error)
    {
        var database = new Option<string?>("--database", "-d")
        {
            Description = $"PostgreSQL connection string (Host=...) or SQLite file. Default: {CltvDatabase.DefaultSqlitePath}.",
        };
        var invisibility = new Option<int>("--takeover-seconds")
        {
            Description = "Seconds after which a job of a worker that stopped responding is taken over (PostgreSQL).",
            DefaultValueFactory = _ => (int)new CltvJobStorageOptions().InvisibilityTimeout.TotalSeconds,
        };
        invisibility.Validators.Add(result =>
        {
            if (result.GetValue(invisibility) < 1)
            {
                result.AddError("--takeover-seconds must be 1 or more.");
            }
        });
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines on standard error." };

        var command = new Command("worker", "Process queued recalculations until stopped (Ctrl+C).");
        command.Options.Add(database);
        command.Options.Add(invisibility);
        command.Options.Add(quiet);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(error, async () =>
        {
            var progress = new Progress(error, parse.GetValue(quiet));
            var target = parse.GetValue(database);
            await DatabaseMigrator.MigrateAsync(target, cancellationToken).ConfigureAwait(false);
            var seconds = parse.GetValue(invisibility);
            var storage = CltvJobStorage.Create(target, new CltvJobStorageOptions
            {
                InvisibilityTimeout = TimeSpan.FromSeconds(seconds),
                QueuePollInterval = TimeSpan.FromSeconds(Math.Min(5, seconds)),
            });

            var services = new ServiceCollection();
            services.AddCltvStorage(target);
            services.AddCltvRecalculation();
            services.AddSingleton(storage);
            services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(storage));
            services.AddSingleton<IRecurringJobManager>(new RecurringJobManager(storage));
            var provider = services.BuildServiceProvider();
            await using (provider.ConfigureAwait(false))
            {
                await using (var scope = provider.CreateAsyncScope())
                {
                    var recovered = await scope.ServiceProvider.GetRequiredService<StaleRunRecovery>().RecoverAsync(cancellationToken).ConfigureAwait(false);
                    if (recovered.Count > 0)
                    {
                        progress.Report($"re-queued unfinished runs {string.Join(", ", recovered)}");
                    }
                }

                var options = new BackgroundJobServerOptions
                {
                    Queues = [RecalculationJob.Queue],
                    WorkerCount = 1,
                    Activator = new ServiceProviderJobActivator(provider.GetRequiredService<IServiceScopeFactory>()),
                    ServerName = $"cltv-worker:{Environment.MachineName}:{Environment.ProcessId}",
                };
                using (new BackgroundJobServer(options, storage))
                {
                    progress.Info($"worker started on the {CltvDatabase.DetectProvider(target)} store; stop with Ctrl+C");
                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        progress.Report("stopping");
                    }
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
