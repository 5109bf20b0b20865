using CltvDashboard.Infrastructure.Alerts.Delivery;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Infrastructure.Tests.Alerts;

/// <summary>
/// A host as the web application builds one for alerts: the store, the recalculation and delivery services, and a
/// Hangfire server on both queues with a back-off short enough for a test.
/// </summary>
internal sealed class DeliveryHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly BackgroundJobServer _server;

    public DeliveryHost(string database, Action<AlertDeliveryOptions>? delivery = null, Action<SmtpOptions>? smtp = null)
    {
        Database = database;
        Storage = CltvJobStorage.Create(database, new CltvJobStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(200) });
        var services = new ServiceCollection();
        services.AddCltvStorage(database);
        services.AddCltvRecalculation();
        services.AddCltvAlertDelivery();
        services.Configure<AlertDeliveryOptions>(o =>
        {
            o.FirstRetrySeconds = 0.5;
            o.BackoffFactor = 2;
            delivery?.Invoke(o);
        });
        services.Configure<SmtpOptions>(o => smtp?.Invoke(o));
        services.AddSingleton(Storage);
        services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(Storage));
        services.AddSingleton<IRecurringJobManager>(new RecurringJobManager(Storage));
        _provider = services.BuildServiceProvider();
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                Queues = [RecalculationJob.Queue, AlertDeliveryJob.Queue],
                WorkerCount = 2,
                Activator = new ServiceProviderJobActivator(_provider.GetRequiredService<IServiceScopeFactory>()),
                SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
            },
            Storage);
    }

    public string Database { get; }

    public JobStorage Storage { get; }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Polls until <paramref name="done"/> holds of the deliveries, with a deadline rather than a fixed wait.</summary>
    public async Task<List<AlertDelivery>> WaitForDeliveriesAsync(Func<List<AlertDelivery>, bool> done, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            await using var context = CltvDatabase.CreateContext(Database);
            var deliveries = await context.AlertDeliveries.AsNoTracking().Include(d => d.AttemptLog).OrderBy(d => d.Id).ToListAsync();
            if (done(deliveries) || DateTime.UtcNow > until)
            {
                return deliveries;
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server.SendStop();
        _server.Dispose();
        (Storage as IDisposable)?.Dispose();
        await _provider.DisposeAsync();
    }
}
