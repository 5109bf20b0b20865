using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Rfm;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>
/// The dashboards' reads: untracked projections of a run's stored result tables, paged on the server. Nothing here
/// fits a model; every figure was computed by the run.
/// </summary>
/// <remarks>
/// Money columns are decimal, which SQLite stores as text and cannot order or compare; sorts and range filters go
/// through a cast to double, which both providers translate and which loses nothing at the precision a sort needs.
/// </remarks>
public sealed class DashboardQueries
{
    /// <summary>The most purchases the customer page lists.</summary>
    public const int MaxPurchasesShown = 500;

    /// <summary>
    /// The most transactions of one customer the customer page reads; a customer with more gets the count and the first
    /// <see cref="MaxPurchasesShown"/> but no P(alive) curve, which needs every purchase day.
    /// </summary>
    public const int MaxPurchasesRead = 20_000;

    /// <summary>The most runs the KPI trend covers.</summary>
    public const int TrendRuns = 24;

    /// <summary>The largest page the customer list serves.</summary>
    public const int MaxPageSize = 500;

    private const int ClvBuckets = 12;

    private static readonly Dictionary<string, int> SegmentPositions =
        RfmSegments.All.Select((segment, index) => (segment, index)).ToDictionary(p => p.segment, p => p.index, StringComparer.Ordinal);

    private readonly CltvDbContext _context;
    private readonly RunResultCache _cache;

    /// <summary>Creates the service on a context.</summary>
    /// <param name="context">The store.</param>
    /// <param name="cache">Per-run figures already computed.</param>
    public DashboardQueries(CltvDbContext context, RunResultCache cache)
    {
        _context = context;
        _cache = cache;
    }

    /// <summary>The current run, the one before it, the newest run if different, and the settings the pages format with.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<DashboardContext> ContextAsync(CancellationToken cancellationToken = default)
    {
        // One round trip for the three runs and the settings: every page asks this first, so each query saved here
        // is saved on every view. The settings ride along as scalar subqueries (one row, by its key); only before the
        // first run, when there is no run row to carry them, are they read on their own.
        var runs = _context.CalculationRuns;
        var settings = _context.BusinessSettings.Where(s => s.Id == BusinessSettings.SingletonId);
        var found = await runs.AsNoTracking()
            .Where(r => r.IsCurrent
                || r.Id == runs.Max(x => (long?)x.Id)
                || r.Id == runs.Where(p => p.Status == CalculationRunStatus.Succeeded && p.Id < runs.Where(c => c.IsCurrent).Max(c => (long?)c.Id)).Max(p => (long?)p.Id))
            .Select(r => new
            {
                r.IsCurrent,
                Header = new RunHeader(r.Id, r.Status, r.AsOfUtc, r.ObservationEnd, r.FinishedAtUtc, r.Stage, r.PercentComplete, r.Error, r.RequestedAtUtc),
                Settings = new FormatSettings(
                    settings.Select(s => s.CurrencyCode).FirstOrDefault(),
                    settings.Select(s => s.TimeZoneId).FirstOrDefault(),
                    settings.Select(s => (double?)s.ActiveProbabilityThreshold).FirstOrDefault(),
                    settings.Select(s => (int?)s.ForecastHorizonMonths).FirstOrDefault()),
            })
            .ToListAsync(cancellationToken);
        var format = found.Count > 0
            ? found[0].Settings
            : await settings.AsNoTracking()
                .Select(s => new FormatSettings(s.CurrencyCode, s.TimeZoneId, s.ActiveProbabilityThreshold, s.ForecastHorizonMonths))
                .FirstOrDefaultAsync(cancellationToken);
        var current = found.Find(r => r.IsCurrent)?.Header;
        var currentId = current?.Id ?? 0;
        var previous = current is null ? null : found.Select(r => r.Header).Where(h => h.Id < currentId && h.Status == CalculationRunStatus.Succeeded).MaxBy(h => h.Id);
        var latest = found.Select(r => r.Header).Where(h => h.Id > currentId).MaxBy(h => h.Id);
        foreach (var run in new[] { current, previous, latest })
        {
            if (run is not null)
            {
                _cache.Observe(run.Id, run.RequestedAtUtc);
            }
        }

        return new DashboardContext(
            current,
            previous,
            latest,
            format?.CurrencyCode,
            format?.TimeZoneId ?? "UTC",
            format?.ActiveProbabilityThreshold ?? 0.5,
            format?.ForecastHorizonMonths ?? 12);
    }

    private sealed record FormatSettings(string? CurrencyCode, string? TimeZoneId, double? ActiveProbabilityThreshold, int? ForecastHorizonMonths);

    /// <summary>A run's headline figures, from its customer rows.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="activeThreshold">The P(alive) from which a customer counts as active.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The figures; null when the run has no customers.</returns>
    public Task<RunKpis?> KpisAsync(long runId, double activeThreshold, CancellationToken cancellationToken = default) =>
        _cache.GetOrAddAsync(runId, (nameof(KpisAsync), activeThreshold), () => KpisUncachedAsync(runId, activeThreshold, cancellationToken), cancellationToken);

    private async Task<RunKpis?> KpisUncachedAsync(long runId, double activeThreshold, CancellationToken cancellationToken)
    {
        var metrics = _context.CustomerMetrics.AsNoTracking().Where(m => m.CalculationRunId == runId);
        var totals = await metrics
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Customers = g.Count(),
                Active = g.Count(m => m.ProbabilityAlive >= activeThreshold),
                Repeaters = g.Count(m => m.Frequency > 0),
                Occasions = g.Sum(m => m.Frequency + 1),
                Revenue = g.Sum(m => (double)m.TotalRevenue),
                Predicted = g.Sum(m => m.ExpectedPurchases * (double?)m.ExpectedAverageValue),
                Clv = g.Sum(m => (double?)m.PredictedClv),
                Modelled = g.Count(m => m.PredictedClv != null),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (totals is null || totals.Customers == 0)
        {
            return null;
        }

        var median = totals.Modelled > 0 ? (await ClvSummaryAsync(runId, cancellationToken)).Median : null;

        var costs = await _context.SegmentSummaries.AsNoTracking()
            .Where(s => s.CalculationRunId == runId && s.Segmentation == Segmentations.AcquisitionChannel && s.AcquisitionCostPerCustomer > 0)
            .Select(s => new { s.CustomerCount, Cost = (double)s.AcquisitionCostPerCustomer!.Value, Clv = (double?)s.TotalPredictedClv })
            .ToListAsync(cancellationToken);
        double? clvToCac = null;
        var costedCustomers = costs.Sum(c => c.CustomerCount);
        if (costedCustomers > 0 && costs.All(c => c.Clv is not null))
        {
            clvToCac = costs.Sum(c => c.Clv!.Value) / costs.Sum(c => c.Cost * c.CustomerCount);
        }

        var clv = totals.Modelled > 0 ? (decimal?)Money(totals.Clv ?? 0) : null;
        return new RunKpis(
            runId,
            totals.Customers,
            totals.Active,
            (double)totals.Repeaters / totals.Customers,
            totals.Occasions == 0 ? 0 : Money(totals.Revenue / totals.Occasions),
            (double)totals.Occasions / totals.Customers,
            Money(totals.Revenue),
            totals.Predicted is { } predicted ? Money(predicted) : null,
            clv,
            clv / totals.Modelled,
            median,
            clvToCac);
    }

    /// <summary>The KPI trend over the kept successful runs up to and including <paramref name="runId"/>, oldest first.</summary>
    /// <param name="runId">The newest run to include.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<KpiTrendPoint>> TrendAsync(long runId, CancellationToken cancellationToken = default) =>
        _cache.GetOrAddAsync(runId, nameof(TrendAsync), () => TrendUncachedAsync(runId, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<KpiTrendPoint>> TrendUncachedAsync(long runId, CancellationToken cancellationToken)
    {
        // Each run's value-tier rows partition its customers, so their totals are the run's totals without touching customer rows.
        var rows = await _context.SegmentSummaries.AsNoTracking()
            .Where(s => s.Segmentation == Segmentations.ValueTier && s.CalculationRunId <= runId)
            .Join(
                _context.CalculationRuns.Where(r => r.Status == CalculationRunStatus.Succeeded),
                s => s.CalculationRunId,
                r => r.Id,
                (s, r) => new
                {
                    r.Id,
                    r.AsOfUtc,
                    s.CustomerCount,
                    Revenue = (double)s.TotalRevenue,
                    Clv = (double?)s.TotalPredictedClv,
                    Alive = s.AverageProbabilityAlive,
                })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => (r.Id, r.AsOfUtc))
            .OrderByDescending(g => g.Key.Id)
            .Take(TrendRuns)
            .OrderBy(g => g.Key.Id)
            .Select(g =>
            {
                var customers = g.Sum(r => r.CustomerCount);
                var modelled = g.All(r => r.Clv is not null && r.Alive is not null);
                return new KpiTrendPoint(
                    g.Key.Id,
                    g.Key.AsOfUtc,
                    customers,
                    Money(g.Sum(r => r.Revenue)),
                    modelled ? Money(g.Sum(r => r.Clv!.Value)) : null,
                    modelled && customers > 0 ? g.Sum(r => r.Alive!.Value * r.CustomerCount) / customers : null);
            })
            .ToList();
    }

    /// <summary>
    /// The predicted-CLV distribution in equal-width bars up to the 99th percentile, with one open bar for the tail,
    /// so that a few very valuable customers do not squeeze everybody else into the first bar.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<ClvBucket>> ClvDistributionAsync(long runId, CancellationToken cancellationToken = default) =>
        (await ClvSummaryAsync(runId, cancellationToken)).Distribution;

    private Task<ClvSummary> ClvSummaryAsync(long runId, CancellationToken cancellationToken) =>
        _cache.GetOrAddAsync(runId, nameof(ClvSummaryAsync), () => ClvSummaryUncachedAsync(runId, cancellationToken), cancellationToken);

    // The median and the distribution from one read of every predicted CLV of the run, sorted in memory (a double
    // per customer while it runs): the first view of a run's overview used to sort or scan the million rows once
    // per percentile and again to group them.
    private async Task<ClvSummary> ClvSummaryUncachedAsync(long runId, CancellationToken cancellationToken)
    {
        var values = await ClvValuesAsync(runId, cancellationToken);
        if (values.Length == 0)
        {
            return new ClvSummary(null, []);
        }

        Array.Sort(values);

        // The lower middle value for an even count; amounts are stored with four decimals, which a double carries exactly enough to round back.
        var median = Math.Round((decimal)values[(values.Length - 1) / 2], 4);
        var low = Math.Min(0, values[0]);
        var high = values[Math.Max(0, (int)Math.Ceiling(values.Length * 0.99) - 1)];
        var width = NiceWidth((high - low) / ClvBuckets);
        var customers = new int[ClvBuckets + 1];
        var totals = new double[ClvBuckets + 1];
        foreach (var value in values)
        {
            var bar = value >= low + (width * ClvBuckets) ? ClvBuckets : Math.Clamp((int)Math.Floor((value - low) / width), 0, ClvBuckets - 1);
            customers[bar]++;
            totals[bar] += value;
        }

        var distribution = Enumerable.Range(0, ClvBuckets + 1)
            .Select(i => new ClvBucket(
                Money(low + (i * width)),
                i == ClvBuckets ? null : Money(low + ((i + 1) * width)),
                customers[i],
                Money(totals[i])))
            .Where((bar, i) => i < ClvBuckets || bar.Customers > 0)
            .ToList();
        return new ClvSummary(median, distribution);
    }

    private sealed record ClvSummary(decimal? Median, IReadOnlyList<ClvBucket> Distribution);

    // A million values through EF's materialiser cost seconds of CPU (a shaper call and an awaited row each,
    // bench/README.md); the provider's reader takes a fraction of that. As doubles: the server converts, which is cheaper than decoding a
    // million decimals here. DOUBLE PRECISION is a type to PostgreSQL and REAL affinity to SQLite.
    private async Task<double[]> ClvValuesAsync(long runId, CancellationToken cancellationToken)
    {
        var entity = _context.Model.FindEntityType(typeof(RunCustomerMetric))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => entity.FindProperty(property)!.GetColumnName(table)!;
        var connection = _context.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await _context.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            var clv = Column(nameof(RunCustomerMetric.PredictedClv));
            command.CommandText = $"SELECT CAST({clv} AS DOUBLE PRECISION) FROM {table.Name} WHERE {Column(nameof(RunCustomerMetric.CalculationRunId))} = @run AND {clv} IS NOT NULL";
            var run = command.CreateParameter();
            run.ParameterName = "@run";
            run.Value = runId;
            command.Parameters.Add(run);
            var values = new List<double>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                values.Add(reader.GetDouble(0));
            }

            return [.. values];
        }
        finally
        {
            if (opened)
            {
                await _context.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>A segmentation's rows in a run, largest segment first (cohorts in time order).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="segmentation">One of <see cref="Segmentations.All"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<SegmentRow>> SegmentsAsync(long runId, string segmentation, CancellationToken cancellationToken = default) =>
        _cache.GetOrAddAsync(runId, (nameof(SegmentsAsync), segmentation), () => SegmentsUncachedAsync(runId, segmentation, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<SegmentRow>> SegmentsUncachedAsync(long runId, string segmentation, CancellationToken cancellationToken)
    {
        var rows = await _context.SegmentSummaries.AsNoTracking()
            .Where(s => s.CalculationRunId == runId && s.Segmentation == segmentation)
            .ToListAsync(cancellationToken);
        var totalClv = rows.Sum(r => r.TotalPredictedClv ?? 0);
        var totalRevenue = rows.Sum(r => r.TotalRevenue);
        var byValue = rows.Any(r => r.TotalPredictedClv is not null) && totalClv > 0;
        var result = rows.Select(r => new SegmentRow(
                r.Segment,
                r.CustomerCount,
                r.Share,
                byValue
                    ? (double)((r.TotalPredictedClv ?? 0) / totalClv)
                    : totalRevenue == 0 ? 0 : (double)(r.TotalRevenue / totalRevenue),
                r.TotalRevenue,
                r.AverageOrderValue,
                r.RepeatRate,
                r.AverageProbabilityAlive,
                r.TotalExpectedPurchases,
                r.TotalPredictedClv,
                r.AveragePredictedClv,
                r.ClvToCac,
                r.PreviousCustomerCount,
                r.CustomersMovedIn,
                r.CustomersMovedOut));
        return segmentation == Segmentations.AcquisitionCohort
            ? result.OrderBy(r => r.Segment, StringComparer.Ordinal).ToList()
            : result.OrderByDescending(r => r.Customers).ThenBy(r => r.Segment, StringComparer.Ordinal).ToList();
    }

    /// <summary>The RFM grid of a run: customers and mean CLV per recency × frequency-monetary cell.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<RfmGridCellSummary>> RfmGridAsync(long runId, CancellationToken cancellationToken = default) =>
        _cache.GetOrAddAsync(runId, nameof(RfmGridAsync), () => RfmGridUncachedAsync(runId, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<RfmGridCellSummary>> RfmGridUncachedAsync(long runId, CancellationToken cancellationToken)
    {
        // FM as RfmAnalysis.CombineFrequencyMonetary computes it: the mean of F and M rounded half up, in integer arithmetic.
        var cells = await _context.CustomerMetrics.AsNoTracking()
            .Where(m => m.CalculationRunId == runId)
            .GroupBy(m => new { m.RecencyScore, FrequencyMonetary = (m.FrequencyScore + m.MonetaryScore + 1) / 2, m.Segment })
            .Select(g => new
            {
                g.Key.RecencyScore,
                g.Key.FrequencyMonetary,
                g.Key.Segment,
                Customers = g.Count(),
                Clv = g.Sum(m => (double?)m.PredictedClv),
                Modelled = g.Count(m => m.PredictedClv != null),
            })
            .ToListAsync(cancellationToken);
        return cells.GroupBy(c => (c.RecencyScore, c.FrequencyMonetary))
            .Select(g =>
            {
                var modelled = g.Sum(c => c.Modelled);
                return new RfmGridCellSummary(
                    g.Key.RecencyScore,
                    g.Key.FrequencyMonetary,
                    g.Sum(c => c.Customers),
                    modelled > 0 ? Money(g.Sum(c => c.Clv ?? 0) / modelled) : null,
                    g.MaxBy(c => c.Customers)!.Segment);
            })
            .OrderByDescending(c => c.RecencyScore)
            .ThenByDescending(c => c.FrequencyMonetaryScore)
            .ToList();
    }

    /// <summary>
    /// The movement between the segments of one segmentation that a run stored when it was calculated, from the run
    /// that was current before it: read from <c>segment_migrations</c>, never by joining two runs' customers.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="segmentation"><see cref="Segmentations.Rfm"/>, <see cref="Segmentations.ValueTier"/> or <see cref="Segmentations.ChurnRisk"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The matrix; without cells when the run had no previous run.</returns>
    public Task<SegmentMigrationMatrix> StoredMigrationAsync(long runId, string segmentation, CancellationToken cancellationToken = default) =>
        _cache.GetOrAddAsync(runId, (nameof(StoredMigrationAsync), segmentation), () => StoredMigrationUncachedAsync(runId, segmentation, cancellationToken), cancellationToken);

    private async Task<SegmentMigrationMatrix> StoredMigrationUncachedAsync(long runId, string segmentation, CancellationToken cancellationToken)
    {
        var cells = await _context.SegmentMigrations.AsNoTracking()
            .Where(m => m.CalculationRunId == runId && m.Segmentation == segmentation)
            .Select(m => new SegmentMigrationCell(m.FromSegment, m.ToSegment, m.CustomerCount))
            .ToListAsync(cancellationToken);
        Func<string, int> order = segmentation switch
        {
            Segmentations.Rfm => SegmentOrder,
            Segmentations.ValueTier => s => Position([ValueTiers.Top, ValueTiers.Middle, ValueTiers.Low], s),
            Segmentations.ChurnRisk => s => Position([ChurnRiskBands.High, ChurnRiskBands.Medium, ChurnRiskBands.Low], s),
            _ => _ => 0,
        };
        List<string?> Axis(IEnumerable<string?> segments) => segments.Distinct()
            .OrderBy(s => s is null).ThenBy(s => s is null ? 0 : order(s)).ThenBy(s => s, StringComparer.Ordinal)
            .ToList();
        return new SegmentMigrationMatrix(segmentation, Axis(cells.Select(c => c.From)), Axis(cells.Select(c => c.To)), cells);
    }

    private static int Position(string[] order, string segment) => Array.IndexOf(order, segment) is var i && i >= 0 ? i : int.MaxValue;

    /// <summary>One page of a run's customers.</summary>
    /// <param name="run">The run (its observation end dates the last purchases).</param>
    /// <param name="previousRunId">The run before it, for the at-risk preset; null when there is none.</param>
    /// <param name="request">Filter, sort and page.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<PagedResult<CustomerRow>> CustomersAsync(RunHeader run, long? previousRunId, CustomerListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(request);
        return _cache.GetOrAddAsync(run.Id, (nameof(CustomersAsync), previousRunId, request), () => CustomersUncachedAsync(run, previousRunId, request, cancellationToken), cancellationToken);
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
            yield return row.ToRow(run);
        }
    }

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
        return new PagedResult<CustomerRow>(items.Select(i => i.ToRow(run)).ToList(), page, pageSize, total);
    }

    private IQueryable<ListedMetric> Selected(RunHeader run, long? previousRunId, CustomerListRequest request)
    {
        var metrics = _context.CustomerMetrics.AsNoTracking().Where(m => m.CalculationRunId == run.Id);
        metrics = request.Preset switch
        {
            CustomerPreset.Champions => metrics.Where(m => m.Segment == RfmSegments.Champions),
            CustomerPreset.HighValueAtRisk => metrics.Where(m => m.ValueTier == ValueTiers.Top
                && (m.ChurnRiskBand == ChurnRiskBands.High || m.ChurnRiskBand == ChurnRiskBands.Medium
                    || _context.CustomerMetrics.Any(p => p.CalculationRunId == previousRunId && p.CustomerId == m.CustomerId && p.ProbabilityAlive > m.ProbabilityAlive))),
            _ => metrics,
        };
        if (!string.IsNullOrWhiteSpace(request.Segment))
        {
            metrics = metrics.Where(m => m.Segment == request.Segment);
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

        public CustomerRow ToRow(RunHeader run) => new(
            CustomerId,
            ExternalId,
            Segment,
            ValueTier,
            ChurnRiskBand,
            ProbabilityAlive,
            ExpectedPurchases,
            PredictedClv,
            TotalRevenue,
            run.ObservationEnd?.AddDays(-DaysSinceLastPurchase));
    }

    /// <summary>A customer of a run with purchases, history across the kept runs and the run's P(alive) curve.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="customerId">The customer's internal key.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The detail; null when the customer is not in the run.</returns>
    public async Task<CustomerDetail?> CustomerAsync(long runId, long customerId, CancellationToken cancellationToken = default)
    {
        // The customer's row in every kept run with the run's date, one round trip: the join probes the primary key
        // (run, customer) once per run (see the customer_metrics configuration).
        var states = await _context.CalculationRuns.AsNoTracking()
            .Where(r => r.Status == CalculationRunStatus.Succeeded && r.Id <= runId)
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
        var model = await RunModelAsync(runId, cancellationToken);
        if (model.CountModel is not null && current.ObservationEnd is { } observationEnd && total == rows.Count)
        {
            curve = AliveCurve.Compute(model.CountModel, model.Unit, model.Zone, observationEnd, rows.Select(r => (r.OccurredAtUtc, r.Amount)));
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

    // The run's chosen full-history count model with the unit and time zone it was fitted in, rebuilt once per run.
    private Task<RunModel> RunModelAsync(long runId, CancellationToken cancellationToken) =>
        _cache.GetOrAddAsync(runId, nameof(RunModelAsync), () => RunModelUncachedAsync(runId, cancellationToken), cancellationToken);

    private async Task<RunModel> RunModelUncachedAsync(long runId, CancellationToken cancellationToken)
    {
        var settingsJson = await _context.CalculationRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.SettingsJson).FirstOrDefaultAsync(cancellationToken);
        var fit = await _context.ModelFits.AsNoTracking()
            .Where(f => f.CalculationRunId == runId && f.IsChosen && f.Period == ModelFitPeriod.FullHistory && f.ModelName != "gammagamma")
            .Select(f => new { f.ModelName, f.ParametersJson })
            .FirstOrDefaultAsync(cancellationToken);
        var settings = RunSettings.FromJson(settingsJson);
        var model = settings is null || fit is null ? null : AliveCurve.StoredModel(fit.ModelName, fit.ParametersJson);
        return new RunModel(model, settings?.TimeUnit ?? TimeUnit.Week, settings?.TimeZone ?? TimeZoneInfo.Utc);
    }

    private sealed record RunModel(IPurchaseCountModel? CountModel, TimeUnit Unit, TimeZoneInfo Zone);

    /// <summary>The position of an RFM segment in <see cref="RfmSegments.All"/>, best first; unknown names last.</summary>
    /// <param name="segment">The segment's name.</param>
    public static int SegmentOrder(string segment) => SegmentPositions.TryGetValue(segment, out var index) ? index : int.MaxValue;

    private static decimal Money(double value) => Math.Round((decimal)value, 2);

    // 1, 2 or 5 times a power of ten, so that bar edges read as round amounts.
    private static double NiceWidth(double raw)
    {
        if (raw <= 0 || double.IsNaN(raw))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = raw / power;
        return power * (step <= 1 ? 1 : step <= 2 ? 2 : step <= 5 ? 5 : 10);
    }
}

/// <summary>The value tiers a run assigns.</summary>
public static class ValueTiers
{
    /// <summary>The most valuable customers.</summary>
    public const string Top = "Top";

    /// <summary>The middle tier.</summary>
    public const string Middle = "Middle";

    /// <summary>The rest.</summary>
    public const string Low = "Low";
}

/// <summary>The churn-risk bands a run assigns.</summary>
public static class ChurnRiskBands
{
    /// <summary>P(alive) below the high-risk threshold.</summary>
    public const string High = "High";

    /// <summary>Between the thresholds.</summary>
    public const string Medium = "Medium";

    /// <summary>Above the medium-risk threshold.</summary>
    public const string Low = "Low";
}
