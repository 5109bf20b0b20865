using CltvDashboard.Infrastructure.Calculation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CltvDashboard.Infrastructure.Jobs;

/// <summary>Registers the recalculation pipeline, its Hangfire jobs and the scheduler.</summary>
public static class RecalculationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RecalculationPipeline"/>, <see cref="RecalculationJob"/>, <see cref="IRecalculationScheduler"/>,
    /// <see cref="NightlyRecalculation"/> and <see cref="StaleRunRecovery"/> (all scoped). Expects the host to
    /// register the store (<c>AddCltvStorage</c>) and Hangfire itself: <c>IBackgroundJobClient</c>,
    /// <c>IRecurringJobManager</c> and <c>JobStorage</c> (configure the storage with <see cref="CltvJobStorage"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddCltvRecalculation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<RecalculationPipeline>();
        services.AddScoped<RecalculationJob>();
        services.AddScoped<IRecalculationScheduler, RecalculationScheduler>();
        services.AddScoped<NightlyRecalculation>();
        services.AddScoped<StaleRunRecovery>();
        services.AddScoped<AlertDeliveryDispatcher>();
        return services;
    }

    /// <summary>
    /// Registers what delivers alerts: <see cref="Alerts.Delivery.AlertTransport"/> (singleton),
    /// <see cref="Alerts.Delivery.AlertDeliveries"/> and <see cref="AlertDeliveryJob"/> (scoped). The host binds
    /// <see cref="Alerts.Delivery.AlertDeliveryOptions"/> and <see cref="Alerts.Delivery.SmtpOptions"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddCltvAlertDelivery(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<Alerts.Delivery.AlertDeliveryOptions>();
        services.AddOptions<Alerts.Delivery.SmtpOptions>();
        services.AddSingleton<Alerts.Delivery.AlertTransport>();
        services.AddScoped<Alerts.Delivery.AlertDeliveries>();
        services.AddScoped<Alerts.Delivery.AlertDeliverySettings>();
        services.AddScoped<AlertDeliveryJob>();
        return services;
    }

    /// <summary>
    /// Registers the weekly digest: <see cref="Digest.DigestComposer"/>, its alerts (<see cref="Digest.StoredDigestAlerts"/>),
    /// <see cref="Digest.DigestSubscriptions"/> and <see cref="WeeklyDigestJob"/> (scoped). Sends through the alerts'
    /// SMTP server (<see cref="AddCltvAlertDelivery"/>); the host registers the dashboards' queries the composer reads.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddCltvDigest(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Digest.IDigestAlerts, Digest.StoredDigestAlerts>();
        services.AddScoped<Digest.DigestComposer>();
        services.AddScoped<Digest.DigestSubscriptions>();
        services.AddScoped<WeeklyDigestJob>();
        return services;
    }
}
