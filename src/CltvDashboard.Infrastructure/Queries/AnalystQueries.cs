using System.Text.Json;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>One cell of the cohort grid.</summary>
/// <param name="AcquisitionMonth">The cohort: the month of its customers' first purchase.</param>
/// <param name="MonthsSinceAcquisition">Months since that month, 0 for the month itself.</param>
/// <param name="CohortSize">Customers in the cohort.</param>
/// <param name="ActiveCustomers">Cohort customers who bought in this month.</param>
/// <param name="Revenue">Their revenue in this month.</param>
/// <param name="CumulativeRevenue">The cohort's revenue up to and including this month.</param>
/// <param name="IsPartial">Whether the month was still running at the as-of date.</param>
public sealed record CohortCell(DateOnly AcquisitionMonth, int MonthsSinceAcquisition, int CohortSize, int ActiveCustomers, decimal Revenue, decimal CumulativeRevenue, bool IsPartial)
{
    /// <summary>Share of the cohort that bought in this month, 0–1.</summary>
    public double Retention => CohortSize == 0 ? 0 : (double)ActiveCustomers / CohortSize;

    /// <summary>Cumulative revenue per customer of the cohort.</summary>
    public decimal CumulativeRevenuePerCustomer => CohortSize == 0 ? 0 : CumulativeRevenue / CohortSize;
}

/// <summary>One model fit of a run, with its parameters decoded.</summary>
/// <param name="ModelName">The model (bgnbd, paretonbd, mbgnbd, gammagamma).</param>
/// <param name="Period">Calibration (checked on the holdout) or full history (whose forecasts are stored).</param>
/// <param name="IsChosen">Whether the run chose it.</param>
/// <param name="CustomersUsed">Customers it was fitted on.</param>
/// <param name="Parameters">Parameter estimates by name, with standard errors where known.</param>
/// <param name="LogLikelihood">Log-likelihood at the estimate.</param>
/// <param name="Converged">Whether the optimiser converged.</param>
/// <param name="HoldoutMeanAbsoluteError">Mean absolute error of holdout purchases per customer.</param>
/// <param name="BaselineMeanAbsoluteError">The naive baseline's error on the same holdout.</param>
/// <param name="HoldoutPredictedPurchases">Purchases the model predicted in the holdout.</param>
/// <param name="HoldoutActualPurchases">Purchases that happened in the holdout.</param>
/// <param name="Warnings">Fit warnings, one per entry.</param>
public sealed record ModelFitView(
    string ModelName,
    ModelFitPeriod Period,
    bool IsChosen,
    int CustomersUsed,
    IReadOnlyList<(string Name, double Estimate, double? StandardError)> Parameters,
    double? LogLikelihood,
    bool Converged,
    double? HoldoutMeanAbsoluteError,
    double? BaselineMeanAbsoluteError,
    double? HoldoutPredictedPurchases,
    double? HoldoutActualPurchases,
    IReadOnlyList<string> Warnings);

/// <summary>Everything the model-health page shows.</summary>
/// <param name="ChosenModel">The model whose forecasts are stored, if any.</param>
/// <param name="Reason">Why it was chosen.</param>
/// <param name="CalibrationEnd">The end of the calibration period (the holdout follows).</param>
/// <param name="ObservationEnd">The last day with data.</param>
/// <param name="Warnings">The run's data-quality warnings.</param>
/// <param name="Fits">The fits, chosen first.</param>
public sealed record ModelHealth(string? ChosenModel, string? Reason, DateOnly? CalibrationEnd, DateOnly? ObservationEnd, IReadOnlyList<string> Warnings, IReadOnlyList<ModelFitView> Fits);

/// <summary>One period of the calibration-vs-holdout tracking curve of the chosen model.</summary>
/// <param name="PeriodEnd">The last day of the period.</param>
/// <param name="InHoldout">Whether the period lies after the calibration end (the model did not learn from it).</param>
/// <param name="Actual">Repeat purchases made in the period by the customers acquired in calibration.</param>
/// <param name="Predicted">Repeat purchases the calibration fit expected of them in the period.</param>
/// <param name="CumulativeActual">Repeat purchases from the start up to the period's end.</param>
/// <param name="CumulativePredicted">Expected repeat purchases from the start up to the period's end.</param>
public sealed record TrackingPointView(DateOnly PeriodEnd, bool InHoldout, double Actual, double Predicted, double CumulativeActual, double CumulativePredicted);

/// <summary>Holdout purchases of the customers with one calibration frequency.</summary>
/// <param name="Frequency">Repeat purchases in calibration; the last bucket holds this many or more.</param>
/// <param name="IsOpenEnded">Whether the bucket holds every frequency from <paramref name="Frequency"/> up.</param>
/// <param name="Customers">Customers in the bucket.</param>
/// <param name="Actual">Mean purchases per customer in the holdout.</param>
/// <param name="Predicted">Mean purchases per customer the calibration fit predicted for the holdout.</param>
public sealed record FrequencyBucketView(int Frequency, bool IsOpenEnded, int Customers, double Actual, double Predicted);

/// <summary>The chosen calibration fit's checks on the holdout; both lists empty when the run kept no holdout.</summary>
/// <param name="PeriodName">The tracking curve's period: "week" or "month".</param>
/// <param name="Tracking">The tracking curve, oldest period first.</param>
/// <param name="Buckets">The buckets by calibration frequency, 0 first.</param>
public sealed record ModelChecksView(string PeriodName, IReadOnlyList<TrackingPointView> Tracking, IReadOnlyList<FrequencyBucketView> Buckets)
{
    /// <summary>Whether the run stored any check.</summary>
    public bool HasChecks => Tracking.Count > 0 || Buckets.Count > 0;
}

/// <summary>The Analyst pages' reads (cohorts, model health) from a run's stored results.</summary>
public sealed class AnalystQueries
{
    private readonly CltvDbContext _context;
    private readonly RunResultCache? _cache;

    /// <summary>Creates the service on a context.</summary>
    /// <param name="context">The store.</param>
    /// <param name="cache">
    /// Keeps each run's figures once read: a run's results never change, and the Analyst pages otherwise read the same
    /// rows on every request. Without one, every call reads the store.
    /// </param>
    public AnalystQueries(CltvDbContext context, RunResultCache? cache = null)
    {
        _context = context;
        _cache = cache;
    }

    private Task<T> CachedAsync<T>(long runId, object key, Func<Task<T>> compute, CancellationToken cancellationToken) =>
        _cache is null ? compute() : _cache.GetOrAddAsync(runId, key, compute, cancellationToken);

    /// <summary>A run's cohort cells over every customer, by cohort then month.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<CohortCell>> CohortsAsync(long runId, CancellationToken cancellationToken = default) =>
        ChannelCohortsAsync(runId, RunCohortCell.AllChannels, cancellationToken);

    /// <summary>A run's cohort cells of the customers acquired through one channel, by cohort then month.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="channel">One of <see cref="CohortChannelsAsync"/>, or <see cref="RunCohortCell.AllChannels"/> for every customer.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The cells; none for a channel the run did not store.</returns>
    public Task<IReadOnlyList<CohortCell>> ChannelCohortsAsync(long runId, string channel, CancellationToken cancellationToken = default) =>
        CachedAsync(runId, (nameof(ChannelCohortsAsync), channel), () => ChannelCohortsUncachedAsync(runId, channel, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<CohortCell>> ChannelCohortsUncachedAsync(long runId, string channel, CancellationToken cancellationToken) =>
        await _context.CohortCells.AsNoTracking()
            .Where(c => c.CalculationRunId == runId && c.Channel == channel)
            .OrderBy(c => c.AcquisitionMonth).ThenBy(c => c.MonthsSinceAcquisition)
            .Select(c => new CohortCell(c.AcquisitionMonth, c.MonthsSinceAcquisition, c.CohortSize, c.ActiveCustomers, c.Revenue, c.CumulativeRevenue, c.IsPartial))
            .ToListAsync(cancellationToken);

    /// <summary>The acquisition channels a run stored cohort cells for, alphabetically; none when its data names no channel.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<string>> CohortChannelsAsync(long runId, CancellationToken cancellationToken = default) =>
        CachedAsync(runId, nameof(CohortChannelsAsync), () => CohortChannelsUncachedAsync(runId, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<string>> CohortChannelsUncachedAsync(long runId, CancellationToken cancellationToken)
    {
        // Month 0 of every cohort: one row per cohort and channel rather than every month.
        var channels = await _context.CohortCells.AsNoTracking()
            .Where(c => c.CalculationRunId == runId && c.Channel != RunCohortCell.AllChannels && c.MonthsSinceAcquisition == 0)
            .Select(c => c.Channel)
            .Distinct()
            .ToListAsync(cancellationToken);
        return channels.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A run's model choice, fits and warnings.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<ModelHealth?> ModelHealthAsync(long runId, CancellationToken cancellationToken = default) =>
        CachedAsync(runId, nameof(ModelHealthAsync), () => ModelHealthUncachedAsync(runId, cancellationToken), cancellationToken);

    private async Task<ModelHealth?> ModelHealthUncachedAsync(long runId, CancellationToken cancellationToken)
    {
        var run = await _context.CalculationRuns.AsNoTracking()
            .Where(r => r.Id == runId)
            .Select(r => new { r.ChosenModel, r.ModelChoiceReason, r.CalibrationEnd, r.ObservationEnd, r.Warnings })
            .SingleOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return null;
        }

        var fits = await _context.ModelFits.AsNoTracking().Where(f => f.CalculationRunId == runId).ToListAsync(cancellationToken);
        return new ModelHealth(
            run.ChosenModel,
            run.ModelChoiceReason,
            run.CalibrationEnd,
            run.ObservationEnd,
            Lines(run.Warnings),
            fits.OrderByDescending(f => f.IsChosen).ThenBy(f => f.Period).ThenBy(f => f.ModelName, StringComparer.Ordinal)
                .Select(f => new ModelFitView(
                    f.ModelName,
                    f.Period,
                    f.IsChosen,
                    f.CustomersUsed,
                    Parameters(f.ParametersJson, f.StandardErrorsJson),
                    f.LogLikelihood,
                    f.Converged,
                    f.HoldoutMeanAbsoluteError,
                    f.BaselineMeanAbsoluteError,
                    f.HoldoutPredictedPurchases,
                    f.HoldoutActualPurchases,
                    Lines(f.Warnings)))
                .ToList());
    }

    /// <summary>A run's holdout checks of its chosen model: the tracking curve and the frequency buckets.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<ModelChecksView> ModelChecksAsync(long runId, CancellationToken cancellationToken = default) =>
        CachedAsync(runId, nameof(ModelChecksAsync), () => ModelChecksUncachedAsync(runId, cancellationToken), cancellationToken);

    private async Task<ModelChecksView> ModelChecksUncachedAsync(long runId, CancellationToken cancellationToken)
    {
        var settingsJson = await _context.CalculationRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.SettingsJson).SingleOrDefaultAsync(cancellationToken);
        var points = await _context.Set<RunModelCheckPoint>().AsNoTracking()
            .Where(p => p.CalculationRunId == runId)
            .OrderBy(p => p.Kind).ThenBy(p => p.Position)
            .ToListAsync(cancellationToken);
        var lastBucket = points.Where(p => p.Kind == ModelCheckKind.Frequency).Select(p => p.Position).DefaultIfEmpty(-1).Max();
        return new ModelChecksView(
            RunSettings.FromJson(settingsJson)?.TimeUnit == TimeUnit.Month ? "month" : "week",
            points.Where(p => p.Kind == ModelCheckKind.Tracking && p.PeriodEnd is not null)
                .Select(p => new TrackingPointView(p.PeriodEnd!.Value, p.InHoldout, p.Actual, p.Predicted, p.CumulativeActual ?? 0, p.CumulativePredicted ?? 0))
                .ToList(),
            points.Where(p => p.Kind == ModelCheckKind.Frequency)
                .Select(p => new FrequencyBucketView(p.Position, p.Position == lastBucket && p.Position == Calculation.ModelChecks.FrequencyBuckets - 1, p.Customers, p.Actual, p.Predicted))
                .ToList());
    }

    private static List<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static List<(string, double, double?)> Parameters(string parametersJson, string? standardErrorsJson)
    {
        var estimates = JsonSerializer.Deserialize<Dictionary<string, double>>(parametersJson) ?? [];
        var errors = standardErrorsJson is null ? [] : JsonSerializer.Deserialize<Dictionary<string, double?>>(standardErrorsJson) ?? [];
        return estimates.Select(p => (p.Key, p.Value, errors.GetValueOrDefault(p.Key))).ToList();
    }
}
