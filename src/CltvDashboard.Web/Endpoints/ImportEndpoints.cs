using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Endpoints;

/// <summary>Downloads that belong to an import's report.</summary>
public static class ImportEndpoints
{
    /// <summary>Maps <c>/imports/{id}/rejected.csv</c> (as the imports): the rows an import refused, with the reason for each.</summary>
    /// <param name="app">The endpoint builder.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/imports/{id:long}/rejected.csv", async (long id, HttpContext http, CltvDbContext context, CancellationToken cancellationToken) =>
            {
                var batch = await context.ImportBatches.AsNoTracking()
                    .Where(b => b.Id == id)
                    .Select(b => new { b.Id })
                    .SingleOrDefaultAsync(cancellationToken);
                if (batch is null)
                {
                    return Results.NotFound();
                }

                // The file name is ours, never the uploaded one, so a crafted client name cannot reach a header.
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"import-{batch.Id}-rejected-rows.csv\"";
                await RejectedRowsCsv.WriteAsync(context, batch.Id, http.Response.Body, cancellationToken);
                return Results.Empty;
            })
            .RequireResource(AppResources.Imports);
        return app;
    }
}
