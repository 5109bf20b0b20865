using CltvDashboard.Domain.Rfm;
using CltvDashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>
/// The customer list's reads: one run's customers filtered, sorted and paged on the server. A page is computed per
/// request (any filter, sort and page may be asked for) and kept in <see cref="RunResultCache"/>, so that concurrent
/// first requests for the same page share one sort of the run's customers.
/// </summary>
/// <remarks>
/// Money columns are decimal, which SQLite stores as text and cannot order or compare; sorts go through a cast to
/// double, which both providers translate and which loses nothing at the precision a sort needs.
/// </remarks>
public sealed class CustomerListQueries
{
    /// <summary>The largest page the customer list serves.</summary>
    public const int MaxPageSize = 500;

    private readonly CltvDbContext _context;
    private readonly RunResultCache _cache;

    public CustomerListQueries(CltvDbContext context, RunResultCache cache)
    {
        _context = context;
        _cache = cache;
    }

    /// <summary>One page of a run's customers.</summary>
    /// <param name="run">The run (its observation end dates the last purchases).</param>
    /// <param name="previousRunId">The run before it, for the at-risk preset; null when there is none.</param>
    /// <param name="request">Filter, sort and page.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<PagedResult<CustomerRow>> CustomersAsync(RunHeader run, long? previousRunId, CustomerListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(request);
        var page = await _cache.GetOrAddAsync(
            run.Id, (nameof(CustomersAsync), previousRunId, request), () => CustomersUncachedAsync(run, previousRunId, request, cancellationToken), cancellationToken);
        return await WithCurrentIdsAsync(page, cancellationToken);
    }

    // A customer erased since the page was computed (on this instance or another) must show as their pseudonym:
    // the page's ids are read again by primary key, a few dozen rows.
    private async Task<PagedResult<CustomerRow>> WithCurrentIdsAsync(PagedResult<CustomerRow> page, CancellationToken cancellationToken)
    {
        if (page.Items.Count == 0)
        {
            return page;
        }

        var keys = page.Items.Select(i => i.CustomerId).ToList();
        var current = await _context.Customers.AsNoTracking().Where(c => keys.Contains(c.Id))
            .Select(c => new { c.Id, c.ExternalId })
            .ToDictionaryAsync(c => c.Id, c => c.ExternalId, cancellationToken);
        return page.Items.All(i => current.GetValueOrDefault(i.CustomerId) == i.ExternalId)
            ? page
            : page with { Items = page.Items.Select(i => current.TryGetValue(i.CustomerId, out var id) && id != i.ExternalId ? i with { ExternalId = id } : i).ToList() };
    }

    /// <summary>
    /// Every customer of a run that a list request selects, in its order, streamed from one query: for exports,
    /// which must neither page (each page would sort the run again) nor fill the cache.
    /// </summary>
    /// <param name="run">The run (its observation end dates the last purchases).</param>
    /// <param name="previousRunId">The run before it, for the at-risk preset; null when there is none.</param>
    /// <param name="request">Filter and sort; its page is ignored.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async IAsyncEnumerable<CustomerRow> AllCustomersAsync(
        RunHeader run, long? previousRunId, CustomerListRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(request);
        await foreach (var row in Sorted(Selected(run, previousRunId, request), request).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row.ToRow(run, request.Today);
        }
    }

    /// <summary>
    /// One page of an audience: the customers a list request selects who have an e-mail address, in its order, with
    /// their contact. Never cached: it holds personal data, which an erasure must take away at once.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="previousRunId">The run before it, for the at-risk preset; null when there is none.</param>
    /// <param name="request">Filter, sort and page.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<PagedResult<AudienceMember>> AudienceAsync(RunHeader run, long? previousRunId, CustomerListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(request);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, request.Page);
        var rows = WithEmail(Selected(run, previousRunId, request));
        var total = await rows.CountAsync(cancellationToken);
        var items = await Contacts(Sorted(rows, request).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(cancellationToken);
        return new PagedResult<AudienceMember>(items.Select(i => i.ToMember(run, request.Today)).ToList(), page, pageSize, total);
    }

    /// <summary>Every member of an audience in the request's order, streamed from one query: for the contact-list exports.</summary>
    /// <param name="run">The run.</param>
    /// <param name="previousRunId">The run before it, for the at-risk preset; null when there is none.</param>
    /// <param name="request">Filter and sort; its page is ignored.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async IAsyncEnumerable<AudienceMember> AllAudienceAsync(
        RunHeader run, long? previousRunId, CustomerListRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(request);
        await foreach (var row in Contacts(Sorted(WithEmail(Selected(run, previousRunId, request)), request)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row.ToMember(run, request.Today);
        }
    }

    private IQueryable<ListedMetric> WithEmail(IQueryable<ListedMetric> rows) =>
        rows.Where(r => _context.Customers.Any(c => c.Id == r.CustomerId && c.Email != null));

    // The contact read in the projection, after the order and the page, so that the list's own query and sort stay as
    // they are and the order holds.
    private IQueryable<ListedContact> Contacts(IQueryable<ListedMetric> rows) =>
        rows.Select(r => new ListedContact
        {
            Metric = r,
            Email = _context.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Email).First()!,
            Name = _context.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Name).First(),
        });

    private async Task<PagedResult<CustomerRow>> CustomersUncachedAsync(RunHeader run, long? previousRunId, CustomerListRequest request, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, request.Page);
        var rows = Selected(run, previousRunId, request);
        var total = await rows.CountAsync(cancellationToken);
        var items = await Sorted(rows, request)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new PagedResult<CustomerRow>(items.Select(i => i.ToRow(run, request.Today)).ToList(), page, pageSize, total);
    }

    private IQueryable<ListedMetric> Selected(RunHeader run, long? previousRunId, CustomerListRequest request)
    {
        var metrics = _context.CustomerMetrics.AsNoTracking().Where(m => m.CalculationRunId == run.Id);
        // Risk is judged on the chance of buying again: P(alive) stays near 1 for everybody when the data shows no
        // dropout, while the chance of buying again still falls with a customer's low rate and long absence.
        var today = request.Today;
        metrics = request.Preset switch
        {
            CustomerPreset.Champions => metrics.Where(m => m.Segment == RfmSegments.Champions),
            CustomerPreset.HighValueAtRisk => metrics.Where(m => m.ValueTier == ValueTierRule.Top
                && (m.ChurnRiskBand == ChurnRiskRule.High || m.ChurnRiskBand == ChurnRiskRule.Medium
                    || _context.CustomerMetrics.Any(p => p.CalculationRunId == previousRunId && p.CustomerId == m.CustomerId && p.PurchaseProbability > m.PurchaseProbability))),
            CustomerPreset.Overdue => metrics.Where(m => today != null && m.Frequency >= OverdueRule.RegularFromRepeatPurchases && m.ExpectedNextPurchase < today),
            _ => metrics,
        };
        if (!string.IsNullOrWhiteSpace(request.Segment))
        {
            metrics = metrics.Where(m => m.Segment == request.Segment);
        }

        if (!string.IsNullOrWhiteSpace(request.ValueTier))
        {
            metrics = metrics.Where(m => m.ValueTier == request.ValueTier);
        }

        if (!string.IsNullOrWhiteSpace(request.ChurnRisk))
        {
            metrics = metrics.Where(m => m.ChurnRiskBand == request.ChurnRisk);
        }

        var rows = metrics.Join(_context.Customers, m => m.CustomerId, c => c.Id, (m, c) => new ListedMetric
        {
            CustomerId = m.CustomerId,
            ExternalId = c.ExternalId,
            Segment = m.Segment,
            ValueTier = m.ValueTier,
            ChurnRiskBand = m.ChurnRiskBand,
            ProbabilityAlive = m.ProbabilityAlive,
            ExpectedPurchases = m.ExpectedPurchases,
            PredictedClv = m.PredictedClv,
            TotalRevenue = m.TotalRevenue,
            DaysSinceLastPurchase = m.DaysSinceLastPurchase,
            Frequency = m.Frequency,
            PurchaseProbability = m.PurchaseProbability,
            ExpectedNextPurchase = m.ExpectedNextPurchase,
            PurchasesLow80 = m.PurchasesLow80,
            PurchasesHigh80 = m.PurchasesHigh80,
            ClvLow80 = m.ClvLow80,
            ClvHigh80 = m.ClvHigh80,
        });
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var search = request.Search.Trim();
            rows = rows.Where(r => r.ExternalId.Contains(search));
        }

        return rows;
    }

    private static IQueryable<ListedMetric> Sorted(IQueryable<ListedMetric> rows, CustomerListRequest request)
    {
        var sorted = (request.Sort, request.Descending) switch
        {
            (CustomerSort.ProbabilityAlive, false) => rows.OrderBy(r => r.ProbabilityAlive),
            (CustomerSort.ProbabilityAlive, true) => rows.OrderByDescending(r => r.ProbabilityAlive),
            (CustomerSort.PurchaseProbability, false) => rows.OrderBy(r => r.PurchaseProbability),
            (CustomerSort.PurchaseProbability, true) => rows.OrderByDescending(r => r.PurchaseProbability),
            (CustomerSort.ExpectedNextPurchase, false) => rows.OrderBy(r => r.ExpectedNextPurchase == null).ThenBy(r => r.ExpectedNextPurchase),
            (CustomerSort.ExpectedNextPurchase, true) => rows.OrderBy(r => r.ExpectedNextPurchase == null).ThenByDescending(r => r.ExpectedNextPurchase),
            (CustomerSort.ExpectedPurchases, false) => rows.OrderBy(r => r.ExpectedPurchases),
            (CustomerSort.ExpectedPurchases, true) => rows.OrderByDescending(r => r.ExpectedPurchases),
            (CustomerSort.LastPurchase, false) => rows.OrderByDescending(r => r.DaysSinceLastPurchase),
            (CustomerSort.LastPurchase, true) => rows.OrderBy(r => r.DaysSinceLastPurchase),
            (CustomerSort.Revenue, false) => rows.OrderBy(r => (double)r.TotalRevenue),
            (CustomerSort.Revenue, true) => rows.OrderByDescending(r => (double)r.TotalRevenue),
            (CustomerSort.CustomerId, false) => rows.OrderBy(r => r.ExternalId),
            (CustomerSort.CustomerId, true) => rows.OrderByDescending(r => r.ExternalId),
            (_, false) => rows.OrderBy(r => (double?)r.PredictedClv),
            (_, true) => rows.OrderByDescending(r => (double?)r.PredictedClv),
        };
        return sorted.ThenBy(r => r.CustomerId);
    }

    private sealed class ListedContact
    {
        public required ListedMetric Metric { get; init; }

        public required string Email { get; init; }

        public string? Name { get; init; }

        public AudienceMember ToMember(RunHeader run, DateOnly? today)
        {
            var (first, last) = Import.CustomerContact.Split(Name);
            return new AudienceMember(Email, first, last, Metric.ToRow(run, today));
        }
    }

    // A flat row that EF can filter and sort in SQL before it becomes a CustomerRow.
    private sealed class ListedMetric
    {
        public long CustomerId { get; init; }

        public required string ExternalId { get; init; }

        public required string Segment { get; init; }

        public required string ValueTier { get; init; }

        public required string ChurnRiskBand { get; init; }

        public double? ProbabilityAlive { get; init; }

        public double? ExpectedPurchases { get; init; }

        public decimal? PredictedClv { get; init; }

        public decimal TotalRevenue { get; init; }

        public int DaysSinceLastPurchase { get; init; }

        public int Frequency { get; init; }

        public double? PurchaseProbability { get; init; }

        public DateOnly? ExpectedNextPurchase { get; init; }

        public int? PurchasesLow80 { get; init; }

        public int? PurchasesHigh80 { get; init; }

        public decimal? ClvLow80 { get; init; }

        public decimal? ClvHigh80 { get; init; }

        public CustomerRow ToRow(RunHeader run, DateOnly? today) => new(
            CustomerId,
            ExternalId,
            Segment,
            ValueTier,
            ChurnRiskBand,
            ProbabilityAlive,
            ExpectedPurchases,
            PredictedClv,
            TotalRevenue,
            run.ObservationEnd?.AddDays(-DaysSinceLastPurchase),
            PurchaseProbability,
            ExpectedNextPurchase,
            today is { } day && OverdueRule.DaysOverdue(Frequency, ExpectedNextPurchase, day) is not null)
        {
            PurchasesLow80 = PurchasesLow80,
            PurchasesHigh80 = PurchasesHigh80,
            ClvLow80 = ClvLow80,
            ClvHigh80 = ClvHigh80,
        };
    }
}
