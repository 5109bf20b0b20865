using System.Diagnostics;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Configuration;
using CltvDashboard.Web.Endpoints;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Hosting;

/// <summary>
/// Computes the figures the dashboards open on as soon as a new run becomes current, so that the first visitors after
/// a recalculation do not each wait seconds for an aggregate over every customer. Runs are published by whichever
/// worker computed them (another instance, or <c>cltv recalc</c>), so each instance that serves pages looks for a new
/// current run every <see cref="CltvWebOptions.CacheWarmSeconds"/>: one small query.
/// </summary>
public sealed partial class RunCacheWarmer : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeSpan _interval;
    private readonly ILogger<RunCacheWarmer> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Id, DateTime RequestedAtUtc)? _warmed;

    /// <summary>Creates the warmer.</summary>
    public RunCacheWarmer(IServiceScopeFactory scopes, IOptions<CltvWebOptions> options, ILogger<RunCacheWarmer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _interval = TimeSpan.FromSeconds(options.Value.CacheWarmSeconds);
        _logger = logger;
    }

    /// <summary>Computes the current run's opening figures unless this instance already did for this run.</summary>
    /// <param name="cancellationToken">Stops the warming; what was computed stays cached.</param>
    /// <returns>The number of figures computed; 0 when there is no current run or it was warmed before.</returns>
    public async Task<int> WarmAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var queries = scope.ServiceProvider.GetRequiredService<DashboardQueries>();
            var dashboard = await queries.ContextAsync(cancellationToken).ConfigureAwait(false);
            if (dashboard.Current is not { } run || _warmed == (run.Id, run.RequestedAtUtc))
            {
                return 0;
            }

            var started = Stopwatch.GetTimestamp();
            var figures = await WarmRunAsync(dashboard, run, queries, scope.ServiceProvider.GetRequiredService<AnalystQueries>(), cancellationToken).ConfigureAwait(false);
            _warmed = (run.Id, run.RequestedAtUtc);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            LogWarmed(run.Id, figures, seconds);
            return figures;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(_interval);
        var failing = false;
        do
        {
            try
            {
                await WarmAsync(stoppingToken).ConfigureAwait(false);
                failing = false;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The pages compute what is missing on request; the next tick tries again. A database that is down
                // fails every tick: one warning for the outage, the repeats at Debug.
                if (failing)
                {
                    LogWarmStillFailing(e);
                }
                else
                {
                    LogWarmFailed(e);
                }

                failing = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    // The same arguments the pages and the API pass when opened without a query string: the cache is keyed by them.
    private static async Task<int> WarmRunAsync(DashboardContext dashboard, RunHeader run, DashboardQueries queries, AnalystQueries analyst, CancellationToken cancellationToken)
    {
        var figures = 0;
        async Task Warm<T>(Task<T> figure)
        {
            await figure.ConfigureAwait(false);
            figures++;
        }

        await Warm(queries.KpisAsync(run.Id, dashboard.ActiveProbabilityThreshold, cancellationToken)).ConfigureAwait(false);
        if (dashboard.Previous is { } previous)
        {
            await Warm(queries.KpisAsync(previous.Id, dashboard.ActiveProbabilityThreshold, cancellationToken)).ConfigureAwait(false);
        }

        await Warm(queries.ClvDistributionAsync(run.Id, cancellationToken)).ConfigureAwait(false);
        await Warm(queries.TrendAsync(run.Id, cancellationToken)).ConfigureAwait(false);
        await Warm(queries.RfmGridAsync(run.Id, cancellationToken)).ConfigureAwait(false);
        foreach (var (segmentation, _, _) in Pages.Segments.IndexModel.Tables)
        {
            await Warm(queries.SegmentsAsync(run.Id, segmentation, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var (segmentation, _) in Pages.Segments.IndexModel.MigrationSegmentations)
        {
            await Warm(queries.StoredMigrationAsync(run.Id, segmentation, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var preset in Enum.GetValues<CustomerPreset>())
        {
            await Warm(queries.CustomersAsync(run, dashboard.Previous?.Id, new CustomerListRequest(Preset: preset, PageSize: Pages.Customers.IndexModel.PageSize), cancellationToken)).ConfigureAwait(false);
        }

        await Warm(queries.CustomersAsync(run, dashboard.Previous?.Id, new CustomerListRequest(PageSize: ApiEndpoints.DefaultPageSize), cancellationToken)).ConfigureAwait(false);
        await Warm(analyst.CohortChannelsAsync(run.Id, cancellationToken)).ConfigureAwait(false);
        await Warm(analyst.ChannelCohortsAsync(run.Id, RunCohortCell.AllChannels, cancellationToken)).ConfigureAwait(false);
        await Warm(analyst.ModelHealthAsync(run.Id, cancellationToken)).ConfigureAwait(false);
        await Warm(analyst.ModelChecksAsync(run.Id, cancellationToken)).ConfigureAwait(false);
        return figures;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Computed (or found already cached) {Figures} dashboard figures of run {RunId} in {Seconds:0.0} s")]
    private partial void LogWarmed(long runId, int figures, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not compute the current run's dashboard figures ahead of time; pages compute them on request")]
    private partial void LogWarmFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Still cannot compute the current run's dashboard figures ahead of time")]
    private partial void LogWarmStillFailing(Exception exception);
}
