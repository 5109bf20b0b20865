using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Queries;

namespace CltvDashboard.Infrastructure.Digest;

/// <summary>
/// Gathers a week's digest from the same queries the dashboards read, so that the e-mail and the pages never disagree:
/// the current run's headline figures against the previous run of its dataset, value by segment, and the high-value
/// customers at medium or high churn risk, most valuable first.
/// </summary>
public sealed class DigestComposer
{
    /// <summary>How many customers to win back the digest names.</summary>
    public const int WinBackCount = 10;

    private readonly RunContextQueries _runContext;
    private readonly OverviewQueries _overview;
    private readonly CustomerListQueries _customers;
    private readonly IDigestAlerts _alerts;

    public DigestComposer(RunContextQueries runContext, OverviewQueries overview, CustomerListQueries customers, IDigestAlerts alerts)
    {
        _runContext = runContext;
        _overview = overview;
        _customers = customers;
        _alerts = alerts;
    }

    /// <summary>The digest of the current run as of <paramref name="nowUtc"/>; null before the first successful run.</summary>
    /// <param name="nowUtc">When the digest is composed: its alerts are those of the seven days before.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<WeeklyDigest?> ComposeAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var context = await _runContext.ContextAsync(cancellationToken);
        if (context.Current is not { } run || await _overview.KpisAsync(run.Id, cancellationToken) is not { } kpis)
        {
            return null;
        }

        var previous = context.Previous is { } before ? await _overview.KpisAsync(before.Id, cancellationToken) : null;
        var segments = await _overview.ValueBySegmentAsync(run.Id, cancellationToken);
        // The preset also holds customers whose chance merely slipped (from 99 % to 95 %); a list headed "to win back"
        // names only those whose churn risk is medium or high, so that no one on it is in fact about to buy.
        var winBack = new List<CustomerRow>(WinBackCount);
        var atRisk = 0;
        var request = new CustomerListRequest(Preset: CustomerPreset.HighValueAtRisk, Sort: CustomerSort.PredictedClv, Descending: true, Today: context.OverdueAsOf);
        await foreach (var customer in _customers.AllCustomersAsync(run, context.Previous?.Id, request, cancellationToken))
        {
            if (customer.ChurnRiskBand is ChurnRiskRule.High or ChurnRiskRule.Medium)
            {
                atRisk++;
                if (winBack.Count < WinBackCount)
                {
                    winBack.Add(customer);
                }
            }
        }

        var alerts = await _alerts.SinceAsync(nowUtc.AddDays(-7), cancellationToken);
        return new WeeklyDigest(
            run,
            context,
            kpis,
            previous,
            [.. segments.OrderByDescending(s => s.TotalClv ?? 0)],
            winBack,
            atRisk,
            alerts);
    }
}

/// <summary>The alerts a digest lists: those that fired since a moment, newest first.</summary>
public interface IDigestAlerts
{
    /// <summary>The alerts that fired at or after <paramref name="sinceUtc"/>, newest first.</summary>
    /// <param name="sinceUtc">The start of the period, in UTC.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyList<DigestAlert>> SinceAsync(DateTime sinceUtc, CancellationToken cancellationToken);
}
