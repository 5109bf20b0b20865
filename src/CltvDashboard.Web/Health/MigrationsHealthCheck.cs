using CltvDashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CltvDashboard.Web.Health;

/// <summary>Unhealthy while the database lacks migrations this build expects (the start-up applies them).</summary>
public sealed class MigrationsHealthCheck : IHealthCheck
{
    private readonly CltvDbContext _context;

    /// <summary>Creates the check.</summary>
    /// <param name="context">The store.</param>
    public MigrationsHealthCheck(CltvDbContext context) => _context = context;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await _context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied, up to {pending[^1]}.");
    }
}
