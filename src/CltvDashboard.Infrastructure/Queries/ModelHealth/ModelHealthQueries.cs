using System.Text.Json;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Validation;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>The model-health page's reads: a run's stored model choice, fits, warnings and holdout checks.</summary>
public sealed class ModelHealthQueries(CltvDbContext context)
{
    /// <summary>A run's model choice, fits and warnings.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<ModelHealth?> ModelHealthAsync(long runId, CancellationToken cancellationToken = default)
    {
        var run = await context.CalculationRuns.AsNoTracking()
            .Where(r => r.Id == runId)
            .Select(r => new { r.ChosenModel, r.ModelChoiceReason, r.CalibrationEnd, r.ObservationEnd, r.Warnings })
            .SingleOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return null;
        }

        var fits = await context.ModelFits.AsNoTracking().Where(f => f.CalculationRunId == runId).ToListAsync(cancellationToken);
        var rangesJson = await context.KpiSummaries.AsNoTracking().Where(k => k.CalculationRunId == runId).Select(k => k.RangesJson).SingleOrDefaultAsync(cancellationToken);
        return new ModelHealth(
            run.ChosenModel,
            run.ModelChoiceReason,
            run.CalibrationEnd,
            run.ObservationEnd,
            RunWarnings.Split(run.Warnings),
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
                    RunWarnings.Split(f.Warnings)))
                .ToList())
        {
            Ranges = RunRanges.FromJson(rangesJson),
        };
    }

    /// <summary>A run's holdout checks of its chosen model: the tracking curve and the frequency buckets.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<ModelChecksView> ModelChecksAsync(long runId, CancellationToken cancellationToken = default)
    {
        var settingsJson = await context.CalculationRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.SettingsJson).SingleOrDefaultAsync(cancellationToken);
        var points = await context.Set<RunModelCheckPoint>().AsNoTracking()
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
                .Select(p => new FrequencyBucketView(p.Position, p.Position == lastBucket && p.Position == ModelCheckPoints.FrequencyBuckets - 1, p.Customers, p.Actual, p.Predicted))
                .ToList());
    }

    private static List<(string, double, double?)> Parameters(string parametersJson, string? standardErrorsJson)
    {
        var estimates = JsonSerializer.Deserialize<Dictionary<string, double>>(parametersJson) ?? [];
        var errors = standardErrorsJson is null ? [] : JsonSerializer.Deserialize<Dictionary<string, double?>>(standardErrorsJson) ?? [];
        return estimates.Select(p => (p.Key, p.Value, errors.GetValueOrDefault(p.Key))).ToList();
    }
}
