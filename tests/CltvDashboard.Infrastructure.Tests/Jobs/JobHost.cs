using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Infrastructure.Tests.Jobs;

/// <summary>A host as the web or worker builds one: the store, the recalculation services and Hangfire on the store's job storage.</summary>
internal sealed class JobHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private BackgroundJobServer? _server;

    public JobHost(string database)
    {
        Database = database;
        Storage = CltvJobStorage.Create(database, new CltvJobStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(200) });
        var services = new ServiceCollection();
        services.AddCltvStorage(database);
        services.AddCltvRecalculation();
        services.AddSingleton(Storage);
        services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(Storage));
        services.AddSingleton<IRecurringJobManager>(new RecurringJobManager(Storage));
        _provider = services.BuildServiceProvider();
    }

    public string Database { get; }

    public JobStorage Storage { get; }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<long> RequestAsync(CalculationTrigger trigger = CalculationTrigger.Manual) =>
        InScopeAsync(services => services.GetRequiredService<IRecalculationScheduler>().RequestAsync(trigger));

    public void StartServer()
    {
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                Queues = [RecalculationJob.Queue],
                WorkerCount = 1,
                Activator = new ServiceProviderJobActivator(_provider.GetRequiredService<IServiceScopeFactory>()),
                SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
            },
            Storage);
    }

    /// <summary>Polls the run until it is finished, with a deadline rather than a fixed wait.</summary>
    public async Task<CalculationRun> WaitForRunAsync(long runId, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            await using var context = CltvDatabase.CreateContext(Database);
            var run = await context.CalculationRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            if (run.Status is CalculationRunStatus.Succeeded or CalculationRunStatus.Failed or CalculationRunStatus.Superseded || DateTime.UtcNow > until)
            {
                return run;
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server?.SendStop();
        _server?.Dispose();
        (Storage as IDisposable)?.Dispose();
        await _provider.DisposeAsync();
    }
}
