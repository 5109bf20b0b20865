using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CltvDashboard.Web.Health;

/// <summary>Healthy when Hangfire's job storage answers.</summary>
public sealed class HangfireStorageHealthCheck : IHealthCheck
{
    private readonly JobStorage _storage;

    /// <summary>Creates the check.</summary>
    /// <param name="storage">The job storage.</param>
    public HangfireStorageHealthCheck(JobStorage storage) => _storage = storage;

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _storage.GetMonitoringApi().Servers();
            return Task.FromResult(HealthCheckResult.Healthy());
        }
#pragma warning disable CA1031 // Any failure of the storage is the answer of the check.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire's job storage does not answer.", e));
        }
    }
}
