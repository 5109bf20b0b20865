using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Jobs;

/// <summary>
/// Asks for the results to be recalculated in the background. Requests coalesce: while a run is queued and
/// not yet started, further requests return that run instead of queuing another, so several imports in a row
/// lead to one recalculation.
/// </summary>
public interface IRecalculationScheduler
{
    /// <summary>Queues a recalculation of everything stored, as of now, or joins the one already queued.</summary>
    /// <param name="trigger">Why the recalculation is wanted; recorded on the run.</param>
    /// <param name="cancellationToken">Cancels the request (not the run).</param>
    /// <returns>The id of the <see cref="CalculationRun"/> that will carry out the request.</returns>
    Task<long> RequestAsync(CalculationTrigger trigger, CancellationToken cancellationToken = default);
}
