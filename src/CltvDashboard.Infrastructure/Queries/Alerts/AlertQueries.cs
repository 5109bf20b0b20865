using CltvDashboard.Domain.Alerts;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Queries.Alerts;

/// <summary>What the Alerts page reads: the rules as set and the latest firings with the customers and segments they name.</summary>
public sealed class AlertQueries
{
    /// <summary>Customers listed per firing; the rest are counted.</summary>
    public const int CustomersShown = 100;

    private readonly CltvDbContext _context;

    /// <summary>Creates the queries over a store.</summary>
    /// <param name="context">The store.</param>
    public AlertQueries(CltvDbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>The rules as set; the defaults while nobody has set them.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    public async Task<AlertRuleSettings> SettingsAsync(CancellationToken cancellationToken = default) =>
        (await _context.AlertSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == AlertSettings.SingletonId, cancellationToken).ConfigureAwait(false))?.ToRules()
        ?? AlertRuleSettings.Defaults;

    /// <summary>Stores the rules.</summary>
    /// <param name="rules">Settings that passed <see cref="AlertRuleSettings.Validate"/>.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <exception cref="ArgumentException">The settings are out of range.</exception>
    public async Task SaveSettingsAsync(AlertRuleSettings rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => p.Message)), nameof(rules));
        }

        var row = await _context.AlertSettings.SingleOrDefaultAsync(s => s.Id == AlertSettings.SingletonId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new AlertSettings();
            _context.AlertSettings.Add(row);
        }

        row.Apply(rules);
        await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The latest firings, newest run first and within a run in rule order, each with up to <see cref="CustomersShown"/> customers.</summary>
    /// <param name="count">How many firings.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public Task<IReadOnlyList<AlertFiringView>> LatestAsync(int count, CancellationToken cancellationToken = default) =>
        LoadAsync(_context.AlertFirings.OrderByDescending(f => f.Id).Take(count), CustomersShown, cancellationToken);

    /// <summary>One firing with up to <paramref name="maxCustomers"/> customers; null when it is gone.</summary>
    /// <param name="firingId">The firing.</param>
    /// <param name="maxCustomers">Customers to list at most.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public async Task<AlertFiringView?> FiringAsync(long firingId, int maxCustomers, CancellationToken cancellationToken = default) =>
        (await LoadAsync(_context.AlertFirings.Where(f => f.Id == firingId), maxCustomers, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>The deliveries of some firings, or the latest ones of any kind (tests included) when <paramref name="firingIds"/> is null.</summary>
    /// <param name="firingIds">The firings; null for the latest <paramref name="count"/> deliveries.</param>
    /// <param name="count">Deliveries at most.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public async Task<IReadOnlyList<AlertDeliveryView>> DeliveriesAsync(IReadOnlyCollection<long>? firingIds, int count, CancellationToken cancellationToken = default)
    {
        var query = _context.AlertDeliveries.AsNoTracking();
        query = firingIds is null ? query : query.Where(d => d.AlertFiringId != null && firingIds.Contains(d.AlertFiringId.Value));
        var rows = await query.OrderByDescending(d => d.Id).Take(count)
            .Select(d => new
            {
                Delivery = d,
                Webhook = _context.WebhookEndpoints.Where(w => w.Id == d.WebhookEndpointId).Select(w => w.Name).FirstOrDefault(),
                Email = _context.Users.Where(u => u.Id == d.RecipientUserId).Select(u => u.Email).FirstOrDefault(),
                Attempts = d.AttemptLog.OrderBy(a => a.Number).ToList(),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            .. rows.Select(r => new AlertDeliveryView(
                r.Delivery.Id,
                r.Delivery.AlertFiringId,
                r.Delivery.Channel,
                (r.Delivery.Channel == AlertChannel.Webhook ? r.Webhook : r.Email) ?? "(removed)",
                r.Delivery.Status,
                r.Delivery.CreatedAtUtc,
                r.Delivery.NextAttemptAtUtc,
                [.. r.Attempts.Select(a => new AlertAttemptView(a.Number, a.AttemptedAtUtc, a.Succeeded, a.Outcome))])),
        ];
    }

    private async Task<IReadOnlyList<AlertFiringView>> LoadAsync(IQueryable<AlertFiring> query, int maxCustomers, CancellationToken cancellationToken)
    {
        var firings = await query.AsNoTracking()
            .Join(_context.CalculationRuns, f => f.CalculationRunId, r => r.Id, (f, r) => new { Firing = f, r.ObservationEnd, r.Currency })
            .Select(x => new
            {
                x.Firing.Id,
                x.Firing.Rule,
                x.Firing.CalculationRunId,
                x.Firing.FiredAtUtc,
                x.Firing.Summary,
                x.Firing.Details,
                x.ObservationEnd,
                x.Currency,
                CustomerCount = x.Firing.Customers.Count,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = firings.Select(f => f.Id).ToList();
        var customers = await _context.Set<AlertFiringCustomer>().AsNoTracking()
            .Where(c => ids.Contains(c.AlertFiringId) && c.Position < maxCustomers)
            .Join(_context.Customers, c => c.CustomerId, k => k.Id, (c, k) => new AlertCustomerView(
                c.AlertFiringId, c.Position, k.ExternalId, c.PurchaseProbability, c.PreviousPurchaseProbability, c.PredictedClv, c.ExpectedNextPurchase, c.DaysOverdue))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var segments = await _context.Set<AlertFiringSegment>().AsNoTracking()
            .Where(s => ids.Contains(s.AlertFiringId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            .. firings.OrderByDescending(f => f.CalculationRunId).ThenBy(f => f.Rule).ThenByDescending(f => f.Id).Select(f => new AlertFiringView(
                f.Id, f.Rule, f.CalculationRunId, f.ObservationEnd, f.Currency, f.FiredAtUtc, f.Summary, RunWarnings.Split(f.Details), f.CustomerCount,
                [.. customers.Where(c => c.FiringId == f.Id).OrderBy(c => c.Position)],
                [.. segments.Where(s => s.AlertFiringId == f.Id).OrderByDescending(s => Math.Abs(s.Customers - s.PreviousCustomers)).Select(s => new SegmentSize(s.Segmentation, s.Segment, s.Customers, s.PreviousCustomers))])),
        ];
    }
}

/// <summary>One firing as the Alerts page shows it.</summary>
/// <param name="Id">The firing.</param>
/// <param name="Rule">The rule that fired.</param>
/// <param name="RunId">The run after which it fired.</param>
/// <param name="ObservationEnd">The run's last day of data.</param>
/// <param name="Currency">The run's currency.</param>
/// <param name="FiredAtUtc">When it fired.</param>
/// <param name="Summary">Its sentence.</param>
/// <param name="Details">The run's error or warnings, for a run problem.</param>
/// <param name="CustomerCount">Customers it names in all.</param>
/// <param name="Customers">The first of them, in order.</param>
/// <param name="Segments">The segments it names.</param>
public sealed record AlertFiringView(
    long Id,
    AlertRuleKind Rule,
    long RunId,
    DateOnly? ObservationEnd,
    string? Currency,
    DateTime FiredAtUtc,
    string Summary,
    IReadOnlyList<string> Details,
    int CustomerCount,
    IReadOnlyList<AlertCustomerView> Customers,
    IReadOnlyList<SegmentSize> Segments);

/// <summary>A customer a firing names.</summary>
/// <param name="FiringId">The firing.</param>
/// <param name="Position">Place in its list.</param>
/// <param name="ExternalId">The customer's own id.</param>
/// <param name="PurchaseProbability">Chance of buying again in the run that fired.</param>
/// <param name="PreviousPurchaseProbability">The chance in the previous run.</param>
/// <param name="PredictedClv">Predicted CLV.</param>
/// <param name="ExpectedNextPurchase">Expected next purchase day.</param>
/// <param name="DaysOverdue">Days overdue.</param>
public sealed record AlertCustomerView(
    long FiringId,
    int Position,
    string ExternalId,
    double? PurchaseProbability,
    double? PreviousPurchaseProbability,
    decimal? PredictedClv,
    DateOnly? ExpectedNextPurchase,
    int? DaysOverdue);

/// <summary>One delivery of an alert or a test, with its attempts.</summary>
/// <param name="Id">The delivery.</param>
/// <param name="FiringId">The firing; null for a test.</param>
/// <param name="Channel">By e-mail or webhook.</param>
/// <param name="Target">The webhook's name or the recipient's address.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="CreatedAtUtc">When it was created.</param>
/// <param name="NextAttemptAtUtc">When the next attempt is due, while retrying.</param>
/// <param name="Attempts">Its attempts in order.</param>
public sealed record AlertDeliveryView(
    long Id,
    long? FiringId,
    AlertChannel Channel,
    string Target,
    AlertDeliveryStatus Status,
    DateTime CreatedAtUtc,
    DateTime? NextAttemptAtUtc,
    IReadOnlyList<AlertAttemptView> Attempts);

/// <summary>One attempt at a delivery.</summary>
/// <param name="Number">From 1.</param>
/// <param name="AttemptedAtUtc">When.</param>
/// <param name="Succeeded">Whether it delivered.</param>
/// <param name="Outcome">What happened.</param>
public sealed record AlertAttemptView(int Number, DateTime AttemptedAtUtc, bool Succeeded, string Outcome);
