using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Jobs;

/// <summary>The recurring nightly recalculation, registered from the stored cron expression and time zone.</summary>
public sealed class NightlyRecalculation
{
    /// <summary>The recurring job's id in Hangfire.</summary>
    public const string RecurringJobId = "nightly-recalculation";

    private readonly CltvDbContext _context;
    private readonly IRecurringJobManager _recurringJobs;

    public NightlyRecalculation(CltvDbContext context, IRecurringJobManager recurringJobs)
    {
        _context = context;
        _recurringJobs = recurringJobs;
    }

    /// <summary>
    /// Adds or updates the recurring job from the stored settings. Call when a host starts and after the settings
    /// change; the explicit id makes calling it again an update, never a second schedule.
    /// </summary>
    /// <param name="cancellationToken">Cancels reading the settings.</param>
    /// <returns>The cron expression and time zone registered.</returns>
    public async Task<(string Cron, string TimeZoneId)> RegisterAsync(CancellationToken cancellationToken = default)
    {
        var settings = await _context.BusinessSettings.AsNoTracking()
            .Where(s => s.Id == BusinessSettings.SingletonId)
            .Select(s => new { s.NightlyCron, s.TimeZoneId })
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZoneId);
        _recurringJobs.AddOrUpdate<RecalculationJob>(
            RecurringJobId,
            RecalculationJob.Queue,
            job => job.RequestNightlyAsync(CancellationToken.None),
            settings.NightlyCron,
            new RecurringJobOptions { TimeZone = zone });
        return (settings.NightlyCron, settings.TimeZoneId);
    }
}
