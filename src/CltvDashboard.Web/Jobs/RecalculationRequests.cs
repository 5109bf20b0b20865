using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Jobs;

namespace CltvDashboard.Web.Jobs;

/// <summary>
/// Asks for a recalculation through the registered <see cref="IRecalculationScheduler"/>, when the host has one;
/// pages hide "Recalculate now" on a host without it.
/// </summary>
public sealed class RecalculationRequests
{
    private readonly IRecalculationScheduler? _scheduler;

    /// <summary>Creates the requester.</summary>
    /// <param name="services">Resolves the scheduler, if any.</param>
    public RecalculationRequests(IServiceProvider services) => _scheduler = services.GetService<IRecalculationScheduler>();

    /// <summary>Whether recalculations can be requested.</summary>
    public bool Available => _scheduler is not null;

    /// <summary>Requests a recalculation.</summary>
    /// <param name="trigger">Why.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The run's id, or null when no scheduler is registered.</returns>
    public async Task<long?> RequestAsync(CalculationTrigger trigger, CancellationToken cancellationToken) =>
        _scheduler is null ? null : await _scheduler.RequestAsync(trigger, cancellationToken).ConfigureAwait(false);
}
