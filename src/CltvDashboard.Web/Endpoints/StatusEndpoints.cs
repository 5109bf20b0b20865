using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Web.Identity;
using CltvDashboard.Web.Imports;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Endpoints;

/// <summary>The small JSON endpoints that progress displays poll.</summary>
public static class StatusEndpoints
{
    /// <summary>Maps <c>/api/imports/{id}/status</c> (as the imports) and <c>/api/runs/{id}/status</c> (as the runs).</summary>
    /// <param name="app">The endpoint builder.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/imports/{id:guid}/status", (Guid id, ImportProgressStore progress) =>
                progress.Find(id) is { } snapshot
                    ? Results.Ok(new
                    {
                        state = snapshot.State.ToString(),
                        snapshot.FileName,
                        snapshot.RowsRead,
                        snapshot.Percent,
                        snapshot.BatchId,
                        snapshot.RunId,
                        snapshot.Error,
                        snapshot.LinesUsed,
                        snapshot.LinesRejected,
                        snapshot.TransactionsImported,
                        snapshot.CanRetry,
                    })
                    : Results.NotFound())
            .RequireResource(AppResources.Imports);
        api.MapGet("/runs/{id:long}/status", async (long id, CltvDbContext context, CancellationToken cancellationToken) =>
                await context.CalculationRuns.AsNoTracking()
                        .Where(r => r.Id == id)
                        .Select(r => new { r.Id, r.Status, r.Stage, r.PercentComplete, r.Error, r.ResumedAtUtc })
                        .SingleOrDefaultAsync(cancellationToken) is { } run
                    ? Results.Ok(new { run.Id, status = run.Status.ToString(), run.Stage, run.PercentComplete, run.Error, resumedAtUtc = run.ResumedAtUtc })
                    : Results.NotFound())
            .RequireResource(AppResources.Runs);
        return app;
    }
}
