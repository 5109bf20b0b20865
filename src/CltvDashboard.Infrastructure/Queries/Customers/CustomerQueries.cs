using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>The customer page's reads: one customer in a run, with purchases, history across the kept runs and the P(alive) curve.</summary>
public sealed class CustomerQueries
{
    /// <summary>The most purchases the customer page lists.</summary>
    public const int MaxPurchasesShown = 500;

    /// <summary>
    /// The most transactions of one customer the customer page reads; a customer with more gets the count and the first
    /// <see cref="MaxPurchasesShown"/> but no P(alive) curve, which needs every purchase day.
    /// </summary>
    public const int MaxPurchasesRead = 20_000;

    private readonly CltvDbContext _context;

    public CustomerQueries(CltvDbContext context) => _context = context;

    /// <summary>A customer of a run, named by their own id in the transaction files, as the customer page is addressed.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="externalId">The customer's id as imported, compared exactly (case, spaces and all).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The detail; null when no such customer is in the run.</returns>
    public async Task<CustomerDetail?> CustomerAsync(long runId, string externalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        // No stored id is longer, and a longer parameter must not match a stored prefix of it.
        if (externalId.Length is 0 or > ImportLimits.MaxIdentifierLength)
        {
            return null;
        }

        var key = await _context.Customers.AsNoTracking()
            .Where(c => c.ExternalId == externalId)
            .Select(c => (long?)c.Id)
            .SingleOrDefaultAsync(cancellationToken);
        return key is { } customerId ? await CustomerAsync(runId, customerId, cancellationToken) : null;
    }

    /// <summary>A customer of a run with purchases, history across the kept runs of its dataset and the run's P(alive) curve.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="customerId">The customer's internal key.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The detail; null when the customer is not in the run.</returns>
    public async Task<CustomerDetail?> CustomerAsync(long runId, long customerId, CancellationToken cancellationToken = default)
    {
        // The customer's row in every kept run with the run's date, one round trip: the join probes the primary key
        // (run, customer) once per run (see the customer_metrics configuration).
        var states = await _context.CalculationRuns.AsNoTracking()
            // Only runs of the run's dataset: after a replacing import the same id may name another customer's history.
            .Where(r => r.Status == CalculationRunStatus.Succeeded && r.Id <= runId
                && r.DatasetId == _context.CalculationRuns.Where(x => x.Id == runId).Select(x => x.DatasetId).FirstOrDefault())
            .Join(
                _context.CustomerMetrics.AsNoTracking().Where(m => m.CustomerId == customerId),
                r => r.Id,
                m => m.CalculationRunId,
                (r, m) => new
                {
                    r.AsOfUtc,
                    r.ObservationEnd,
                    Metric = m,
                    ExternalId = _context.Customers.Where(c => c.Id == customerId).Select(c => c.ExternalId).FirstOrDefault(),
                })
            .ToListAsync(cancellationToken);
        var current = states.Find(s => s.Metric.CalculationRunId == runId);
        if (current is null)
        {
            return null;
        }

        var contact = await _context.Customers.AsNoTracking()
            .Where(c => c.Id == customerId)
            .Select(c => new { c.Email, c.Name })
            .SingleOrDefaultAsync(cancellationToken);
        var rows = await _context.Transactions.AsNoTracking()
            .Where(t => t.CustomerId == customerId)
            .OrderBy(t => t.OccurredAtUtc).ThenBy(t => t.Id)
            .Take(MaxPurchasesRead + 1)
            .Select(t => new PurchaseRow(t.OccurredAtUtc, t.Amount, t.Currency, t.OrderReference))
            .ToListAsync(cancellationToken);
        var total = rows.Count <= MaxPurchasesRead
            ? rows.Count
            : await _context.Transactions.CountAsync(t => t.CustomerId == customerId, cancellationToken);

        AliveCurve? curve = null;
        var model = await StoredRunModel.ReadAsync(_context, runId, cancellationToken);
        if (model is not null && current.ObservationEnd is { } observationEnd && total == rows.Count)
        {
            curve = AliveCurve.Compute(model.Model, model.Settings.TimeUnit, model.Settings.TimeZone, observationEnd, rows.Select(r => (r.OccurredAtUtc, r.Amount)));
        }

        var history = states.OrderBy(s => s.Metric.CalculationRunId)
            .Select(s => new CustomerRunState(s.Metric.CalculationRunId, s.AsOfUtc, s.Metric.Segment, s.Metric.ValueTier, s.Metric.ProbabilityAlive, s.Metric.ExpectedPurchases, s.Metric.PredictedClv)
            {
                ObservationEnd = s.ObservationEnd,
            })
            .ToList();
        return new CustomerDetail(
            customerId,
            current.ExternalId ?? customerId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            current.Metric,
            rows.Count > MaxPurchasesShown ? rows[..MaxPurchasesShown] : rows,
            total,
            history)
        {
            Curve = curve,
            Email = contact?.Email,
            Name = contact?.Name,
        };
    }

    /// <summary>Every stored transaction of a customer, oldest first, streamed: for the history export.</summary>
    /// <param name="customerId">The customer's internal key.</param>
    public IAsyncEnumerable<PurchaseRow> PurchasesAsync(long customerId) =>
        _context.Transactions.AsNoTracking()
            .Where(t => t.CustomerId == customerId)
            .OrderBy(t => t.OccurredAtUtc).ThenBy(t => t.Id)
            .Select(t => new PurchaseRow(t.OccurredAtUtc, t.Amount, t.Currency, t.OrderReference))
            .AsAsyncEnumerable();
}
