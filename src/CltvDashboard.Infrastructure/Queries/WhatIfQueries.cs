using System.Text.Json;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Uncertainty;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>A what-if question: relative changes, e.g. 0.1 for +10 %, each above −1.</summary>
/// <param name="Segment">An RFM segment, or null for everybody.</param>
/// <param name="RetentionChange">Change in how long customers stay: the mean dropout rate is divided by 1 + this.</param>
/// <param name="PurchaseRateChange">Change in how often customers who are still active buy from today on.</param>
/// <param name="OrderValueChange">Change in the value of each future order.</param>
public sealed record WhatIfScenario(string? Segment, double RetentionChange, double PurchaseRateChange, double OrderValueChange);

/// <summary>The projected total CLV of a scenario against the run's fitted model as it is.</summary>
/// <param name="RunId">The run whose fitted model and customers were used.</param>
/// <param name="Model">The model.</param>
/// <param name="Customers">Customers in the scenario's scope.</param>
/// <param name="BaselineClv">Their total CLV under the fitted parameters.</param>
/// <param name="ScenarioClv">Their total CLV under the changed parameters.</param>
public sealed record WhatIfResult(long RunId, string Model, int Customers, decimal BaselineClv, decimal ScenarioClv)
{
    /// <summary>The change in total CLV.</summary>
    public decimal Change => ScenarioClv - BaselineClv;

    /// <summary>The relative change, or null when the baseline is 0.</summary>
    public double? RelativeChange => BaselineClv == 0 ? null : (double)(Change / BaselineClv);

    /// <summary>The customers' total CLV today with its bounds, from the run's stored range; null when it stored none.</summary>
    public ForecastRange? BaselineRange { get; init; }

    /// <summary>
    /// The scenario's total CLV with its 80 % and 95 % bounds, keeping the relative spread of the run's stored range of
    /// the same customers' CLV; null when the run stored no range for them (an older run, or a model without ranges).
    /// </summary>
    public ForecastRange? ScenarioRange { get; init; }

    /// <summary>The change's bounds on the same terms as <see cref="ScenarioRange"/>: the baseline and the scenario rest on the same parameters, so their ranges move together.</summary>
    public ForecastRange? ChangeRange { get; init; }
}

/// <summary>
/// Answers what-if questions with the run's stored fitted parameters and the Domain's valuation formulas: no model is
/// fitted; the population parameters are shifted and every customer in scope is valued again.
/// </summary>
/// <remarks>
/// Retention shifts the population's dropout: BG/NBD and MBG/NBD draw each customer's dropout probability from
/// Beta(a, b), whose mean a/(a+b) is divided by 1 + change with a + b kept (so the spread stays similar); Pareto/NBD
/// draws the dropout rate from Gamma(s, β), whose mean s/β is divided by scaling β. Each customer's own history still
/// weighs in, so the effect on existing customers is smaller than the change itself.
/// The scenario's range is the run's stored range of the same customers' CLV moved with the projection, its relative
/// spread kept: exact for order value and purchase rate, which scale every customer's CLV, and an approximation for retention,
/// whose change reshapes the forecast (±30 % moves the 80 % bounds by 1–2 points of the total on a simulated base). The changes themselves are taken as certain.
/// A purchase-rate change applies to each customer's own rate from today: future purchases, and so CLV, scale with it
/// while the view of who is still active stays. (Shifting the population's Gamma(r, α) instead barely moves existing
/// customers, whose own purchase counts dominate their posterior rate, which is not what the question means.)
/// </remarks>
public sealed class WhatIfQueries
{
    private readonly CltvDbContext _context;
    private readonly RunResultCache _cache;

    public WhatIfQueries(CltvDbContext context, RunResultCache cache)
    {
        _context = context;
        _cache = cache;
    }

    /// <summary>Projects a scenario on a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="scenario">The changes.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The projection; null when the run stored no usable purchase-count model.</returns>
    public Task<WhatIfResult?> ProjectAsync(long runId, WhatIfScenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        foreach (var change in new[] { scenario.RetentionChange, scenario.PurchaseRateChange, scenario.OrderValueChange })
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(change, -1, nameof(scenario));
        }

        return _cache.GetOrAddAsync(runId, scenario, () => ProjectUncachedAsync(runId, scenario, cancellationToken), cancellationToken);
    }

    private async Task<WhatIfResult?> ProjectUncachedAsync(long runId, WhatIfScenario scenario, CancellationToken cancellationToken)
    {
        if (await StoredRunModel.ReadAsync(_context, runId, cancellationToken) is not { } stored)
        {
            return null;
        }

        var baseline = stored.Model;
        var changed = stored.Definition.WithRetentionChange(baseline, scenario.RetentionChange);
        var valuation = stored.Settings.Valuation;
        var rows = _context.CustomerMetrics.AsNoTracking().Where(m => m.CalculationRunId == runId && m.PredictedClv != null && m.ExpectedAverageValue != null);
        if (!string.IsNullOrWhiteSpace(scenario.Segment))
        {
            rows = rows.Where(m => m.Segment == scenario.Segment);
        }

        var customers = await rows.Select(m => new { m.Frequency, m.RecencyDays, m.TenureDays, Value = (double)m.ExpectedAverageValue!.Value }).ToListAsync(cancellationToken);
        var unit = valuation.TimeUnit;
        var histories = customers.Select(c => new PurchaseHistory(c.Frequency, unit.FromDays(c.RecencyDays), unit.FromDays(c.TenureDays))).ToArray();
        var values = customers.Select(c => c.Value).ToArray();
        var before = CustomerForecast.Compute(baseline, histories, values, valuation.Horizon, valuation).Clv.Sum();
        var scaled = values.Select(v => v * (1 + scenario.OrderValueChange) * (1 + scenario.PurchaseRateChange)).ToArray();
        var after = CustomerForecast.Compute(changed, histories, scaled, valuation.Horizon, valuation).Clv.Sum();
        var range = await StoredClvRangeAsync(runId, scenario.Segment, cancellationToken);
        var relative = range is { MostLikely: > 0 } r && before > 0 ? r.Scale(1 / r.MostLikely) : (ForecastRange?)null;
        return new WhatIfResult(runId, stored.Definition.Name, customers.Count, Math.Round((decimal)before, 2), Math.Round((decimal)after, 2))
        {
            BaselineRange = relative?.Scale(before),
            ScenarioRange = relative?.Scale(after),
            ChangeRange = relative?.Scale(after - before),
        };
    }

    // The range the run stored for the scope's total CLV: the KPI summary's for everybody, the RFM segment's otherwise.
    private async Task<ForecastRange?> StoredClvRangeAsync(long runId, string? segment, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(segment))
        {
            var json = await _context.KpiSummaries.AsNoTracking().Where(k => k.CalculationRunId == runId).Select(k => k.RangesJson).SingleOrDefaultAsync(cancellationToken);
            return RunRanges.FromJson(json)?.Total.Clv;
        }

        var segmentJson = await _context.SegmentSummaries.AsNoTracking()
            .Where(s => s.CalculationRunId == runId && s.Segmentation == Segmentations.Rfm && s.Segment == segment)
            .Select(s => s.RangesJson)
            .SingleOrDefaultAsync(cancellationToken);
        return TotalRangeFigures.FromJson(segmentJson)?.Clv;
    }
}
