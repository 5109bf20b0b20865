using System.Globalization;
using CltvDashboard.Domain.Alerts;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Alerts;

/// <summary>
/// Judges the alert rules (Domain <see cref="AlertRules"/>) after a run and stores what fired, with the per-rule,
/// per-customer state that keeps a customer from being alerted again before they recover. Called by the recalculation
/// once a run is published or has failed; all of one run's firings and state changes are one transaction.
/// </summary>
public sealed class RunAlerts
{
    private readonly CltvDbContext _context;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the evaluation over a store.</summary>
    /// <param name="context">The store.</param>
    /// <param name="timeProvider">The clock of "today" (overdue) and of the firings' timestamps.</param>
    public RunAlerts(CltvDbContext context, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _context = context;
        _timeProvider = timeProvider;
    }

    /// <summary>The rules as set, the defaults while nobody has set them.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    public async Task<AlertRuleSettings> SettingsAsync(CancellationToken cancellationToken = default)
    {
        return await new Queries.Alerts.AlertQueries(_context).SettingsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Judges every rule after a published run against the previous current run of its dataset. A run judged before
    /// (a repeated call) adds nothing.
    /// </summary>
    /// <param name="runId">The run just published.</param>
    /// <param name="previousRunId">The run of the same dataset that was current before it; null for the first.</param>
    /// <param name="churnRisk">The run's churn-risk bands.</param>
    /// <param name="purchaseWindowDays">The run's window of the chance of buying again, which bounds when overdue is judged.</param>
    /// <param name="timeZone">The business's time zone, whose today judges overdue.</param>
    /// <param name="cancellationToken">Stops the evaluation; nothing of it is then stored.</param>
    /// <returns>The ids of the firings stored.</returns>
    public async Task<IReadOnlyList<long>> AfterSuccessAsync(
        long runId, long? previousRunId, ChurnRiskRule churnRisk, int purchaseWindowDays, TimeZoneInfo timeZone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(churnRisk);
        ArgumentNullException.ThrowIfNull(timeZone);
        // A failed attempt of this run may have reported its failure already; a retry that succeeds is judged in full.
        var judged = await _context.AlertFirings.Where(f => f.CalculationRunId == runId).Select(f => f.Rule).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (judged.Any(rule => rule != AlertRuleKind.RunProblem))
        {
            return [];
        }

        var rules = await SettingsAsync(cancellationToken).ConfigureAwait(false);
        var run = await _context.CalculationRuns.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.Warnings, r.ObservationEnd }).SingleAsync(cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        var firings = new List<AlertFiring>();

        if (rules.HighValueAtRisk && previousRunId is { } previousId)
        {
            var open = await OpenAsync(AlertRuleKind.HighValueAtRisk, cancellationToken).ConfigureAwait(false);
            var current = await CustomersAsync(_context.CustomerMetrics.Where(m => m.CalculationRunId == runId && m.ValueTier == ValueTierRule.Top), cancellationToken).ConfigureAwait(false);
            var topIds = _context.CustomerMetrics.Where(m => m.CalculationRunId == runId && m.ValueTier == ValueTierRule.Top).Select(m => m.CustomerId);
            var previous = (await CustomersAsync(_context.CustomerMetrics.Where(m => m.CalculationRunId == previousId && topIds.Contains(m.CustomerId)), cancellationToken).ConfigureAwait(false))
                .ToDictionary(c => c.CustomerId);
            var outcome = AlertRules.HighValueAtRisk(current, previous, churnRisk, open);
            await ApplyAsync(AlertRuleKind.HighValueAtRisk, runId, outcome, cancellationToken).ConfigureAwait(false);
            if (outcome.Fired.Count > 0)
            {
                firings.Add(CustomerFiring(
                    AlertRuleKind.HighValueAtRisk, runId, now, outcome.Fired,
                    string.Create(CultureInfo.InvariantCulture, $"{outcome.Fired.Count} high-value {Customers(outcome.Fired.Count)} fell below a {churnRisk.HighBelow:P0} chance of buying again since the previous run.")));
            }
        }

        if (rules.Overdue)
        {
            var today = PurchaseDay.Of(now, timeZone);
            var judgedOn = OverdueRule.JudgedOn(run.ObservationEnd, today, purchaseWindowDays);
            var open = await OpenAsync(AlertRuleKind.Overdue, cancellationToken).ConfigureAwait(false);
            var current = judgedOn is { } day
                ? await CustomersAsync(
                    _context.CustomerMetrics.Where(m => m.CalculationRunId == runId && m.Frequency >= OverdueRule.RegularFromRepeatPurchases && m.ExpectedNextPurchase < day),
                    cancellationToken).ConfigureAwait(false)
                : [];
            var outcome = AlertRules.Overdue(current, rules.OverdueDays, judgedOn, open);
            await ApplyAsync(AlertRuleKind.Overdue, runId, outcome, cancellationToken).ConfigureAwait(false);
            if (outcome.Fired.Count > 0)
            {
                firings.Add(CustomerFiring(
                    AlertRuleKind.Overdue, runId, now, outcome.Fired,
                    string.Create(CultureInfo.InvariantCulture, $"{outcome.Fired.Count} regular {Customers(outcome.Fired.Count)} overdue on their expected next purchase by more than {rules.OverdueDays} days.")));
            }
        }

        if (rules.SegmentChange && previousRunId is { } before)
        {
            var tracked = Segmentations.Tracked.Select(d => d.Key).ToList();
            var sizes = await _context.SegmentSummaries.AsNoTracking()
                .Where(s => (s.CalculationRunId == runId || s.CalculationRunId == before) && tracked.Contains(s.Segmentation))
                .Select(s => new { s.CalculationRunId, s.Segmentation, s.Segment, s.CustomerCount })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var bySegment = sizes.GroupBy(s => (s.Segmentation, s.Segment)).Select(g => new SegmentSize(
                g.Key.Segmentation,
                g.Key.Segment,
                g.Where(s => s.CalculationRunId == runId).Sum(s => s.CustomerCount),
                g.Where(s => s.CalculationRunId == before).Sum(s => s.CustomerCount)));
            var changed = AlertRules.SegmentChanges(bySegment, rules.SegmentChangePercent);
            if (changed.Count > 0)
            {
                var firing = new AlertFiring
                {
                    Rule = AlertRuleKind.SegmentChange,
                    CalculationRunId = runId,
                    FiredAtUtc = now.UtcDateTime,
                    Summary = string.Create(CultureInfo.InvariantCulture, $"{changed.Count} {(changed.Count == 1 ? "segment" : "segments")} grew or shrank by more than {rules.SegmentChangePercent:0.#} % since the previous run."),
                };
                foreach (var size in changed)
                {
                    firing.Segments.Add(new AlertFiringSegment { Segmentation = size.Segmentation, Segment = size.Segment, Customers = size.Customers, PreviousCustomers = size.PreviousCustomers });
                }

                firings.Add(firing);
            }
        }

        var warnings = RunWarnings.Split(run.Warnings);
        if (rules.RunProblem && AlertRules.IsRunProblem(failed: false, warnings) && !judged.Contains(AlertRuleKind.RunProblem))
        {
            firings.Add(new AlertFiring
            {
                Rule = AlertRuleKind.RunProblem,
                CalculationRunId = runId,
                FiredAtUtc = now.UtcDateTime,
                Summary = string.Create(CultureInfo.InvariantCulture, $"Run {runId} succeeded with {warnings.Count} {(warnings.Count == 1 ? "warning" : "warnings")}."),
                Details = run.Warnings,
            });
        }

        _context.AlertFirings.AddRange(firings);
        await SaveWithDeliveriesAsync(firings, cancellationToken).ConfigureAwait(false);
        return [.. firings.Select(f => f.Id)];
    }

    /// <summary>Stores the run-problem alert of a failed run, once per run however often its attempts fail.</summary>
    /// <param name="runId">The run that failed.</param>
    /// <param name="error">Why, as the run recorded it.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>The id of the firing stored; null when the rule is off or the run's failure was reported before.</returns>
    public async Task<long?> AfterFailureAsync(long runId, string error, CancellationToken cancellationToken = default)
    {
        var rules = await SettingsAsync(cancellationToken).ConfigureAwait(false);
        if (!rules.RunProblem || !AlertRules.IsRunProblem(failed: true, [])
            || await _context.AlertFirings.AnyAsync(f => f.CalculationRunId == runId && f.Rule == AlertRuleKind.RunProblem, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var firing = new AlertFiring
        {
            Rule = AlertRuleKind.RunProblem,
            CalculationRunId = runId,
            FiredAtUtc = _timeProvider.GetUtcNow().UtcDateTime,
            Summary = string.Create(CultureInfo.InvariantCulture, $"Run {runId} failed."),
            Details = error,
        };
        _context.AlertFirings.Add(firing);
        await SaveWithDeliveriesAsync([firing], cancellationToken).ConfigureAwait(false);
        return firing.Id;
    }

    // The firings, the customers' states and one delivery per firing and webhook or recipient are one transaction; the
    // deliveries wait as Pending until the job that ran the recalculation hands them to the queue (AlertDeliveryDispatcher).
    private async Task SaveWithDeliveriesAsync(List<AlertFiring> firings, CancellationToken cancellationToken)
    {
        var transaction = await _context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (firings.Count > 0)
            {
                var webhooks = await _context.WebhookEndpoints.AsNoTracking().Select(w => w.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
                var recipients = await _context.AlertRecipients.AsNoTracking().Select(r => r.UserId).ToListAsync(cancellationToken).ConfigureAwait(false);
                var now = _timeProvider.GetUtcNow().UtcDateTime;
                foreach (var firing in firings)
                {
                    _context.AlertDeliveries.AddRange(webhooks.Select(w => new AlertDelivery { AlertFiringId = firing.Id, Channel = AlertChannel.Webhook, WebhookEndpointId = w, CreatedAtUtc = now }));
                    _context.AlertDeliveries.AddRange(recipients.Select(u => new AlertDelivery { AlertFiringId = firing.Id, Channel = AlertChannel.Email, RecipientUserId = u, CreatedAtUtc = now }));
                }

                await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        _context.ChangeTracker.Clear();
    }

    private static string Customers(int count) => count == 1 ? "customer" : "customers";

    private async Task<HashSet<long>> OpenAsync(AlertRuleKind rule, CancellationToken cancellationToken) =>
        [.. await _context.AlertCustomerStates.AsNoTracking().Where(s => s.Rule == rule).Select(s => s.CustomerId).ToListAsync(cancellationToken).ConfigureAwait(false)];

    private static async Task<List<AlertCustomer>> CustomersAsync(IQueryable<RunCustomerMetric> metrics, CancellationToken cancellationToken) =>
        await metrics.AsNoTracking()
            .Select(m => new AlertCustomer(m.CustomerId, m.ValueTier, m.Frequency, m.PurchaseProbability, m.PredictedClv, m.ExpectedNextPurchase))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    // State changes ride in the same SaveChanges as the firings.
    private async Task ApplyAsync(AlertRuleKind rule, long runId, CustomerRuleOutcome outcome, CancellationToken cancellationToken)
    {
        foreach (var batch in outcome.Recovered.Chunk(500))
        {
            var ids = batch.ToList();
            var recovered = await _context.AlertCustomerStates.Where(s => s.Rule == rule && ids.Contains(s.CustomerId)).ToListAsync(cancellationToken).ConfigureAwait(false);
            _context.AlertCustomerStates.RemoveRange(recovered);
        }

        _context.AlertCustomerStates.AddRange(outcome.Fired.Select(c => new AlertCustomerState { Rule = rule, CustomerId = c.CustomerId, AlertedInRunId = runId }));
    }

    private static AlertFiring CustomerFiring(AlertRuleKind rule, long runId, DateTimeOffset now, IReadOnlyList<AlertedCustomer> customers, string summary)
    {
        var firing = new AlertFiring { Rule = rule, CalculationRunId = runId, FiredAtUtc = now.UtcDateTime, Summary = summary };
        for (var i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            firing.Customers.Add(new AlertFiringCustomer
            {
                Position = i,
                CustomerId = c.CustomerId,
                PurchaseProbability = c.PurchaseProbability,
                PreviousPurchaseProbability = c.PreviousPurchaseProbability,
                PredictedClv = c.PredictedClv,
                ExpectedNextPurchase = c.ExpectedNextPurchase,
                DaysOverdue = c.DaysOverdue,
            });
        }

        return firing;
    }
}
