using System.Text.Json;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>
/// A run's chosen full-history purchase-count model rebuilt from its stored parameters, with the settings the run was
/// computed with: what the customer page's P(alive) curve and the what-if projection both start from.
/// </summary>
/// <param name="Definition">The model's catalog entry.</param>
/// <param name="Model">The model with the run's parameters.</param>
/// <param name="Settings">The run's settings (time unit, time zone, valuation).</param>
public sealed record StoredRunModel(CountModelDefinition Definition, IPurchaseCountModel Model, RunSettings Settings)
{
    /// <summary>The run's model; null when the run stored no settings, no chosen count model or parameters the catalog cannot rebuild.</summary>
    /// <param name="context">The store.</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<StoredRunModel?> ReadAsync(CltvDbContext context, long runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settingsJson = await context.CalculationRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.SettingsJson).FirstOrDefaultAsync(cancellationToken);
        var fit = await context.ModelFits.AsNoTracking()
            .Where(f => f.CalculationRunId == runId && f.IsChosen && f.Period == ModelFitPeriod.FullHistory && f.ModelName != GammaGammaParameters.ModelName)
            .Select(f => new { f.ModelName, f.ParametersJson })
            .FirstOrDefaultAsync(cancellationToken);
        if (RunSettings.FromJson(settingsJson) is not { } settings || fit is null || CountModelCatalog.Find(fit.ModelName) is not { } definition)
        {
            return null;
        }

        var parameters = JsonSerializer.Deserialize<Dictionary<string, double>>(fit.ParametersJson) ?? [];
        return definition.Rebuild(parameters) is { } model ? new StoredRunModel(definition, model, settings) : null;
    }
}
