using System.Globalization;
using System.Text;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Identity;

namespace CltvDashboard.Web.Endpoints;

/// <summary>
/// CSV downloads of the dashboards' tables from the current run. Numbers are written invariantly (a spreadsheet
/// parses them in any locale); text cells that a spreadsheet would run as a formula are neutralised by
/// <see cref="RejectedRowsCsv.Cell"/>. The file name carries the run id and its data's end date.
/// </summary>
public static class ExportEndpoints
{
    private const int CustomerBatch = 500;

    // The migration matrix's row of customers the previous run did not have, and column of those this run no longer has.
    private const string NewRow = "new";
    private const string GoneColumn = "not in this run";

    /// <summary>
    /// Maps <c>/exports/segments/{segmentation}.csv</c>, <c>/exports/segment-migrations/{segmentation}.csv</c> (the
    /// current run's stored movement from the previous run as a from × to matrix), <c>/exports/rfm-grid.csv</c>, <c>/exports/customers.csv</c>
    /// and <c>/exports/customers/{id}/history.csv</c> (any signed-in user), <c>/exports/cohorts.csv</c>, <c>/exports/channel-cohorts.csv?channel=…</c> (one acquisition channel's cohorts) and <c>/exports/model-fits.csv</c> (Analyst, like their pages).
    /// </summary>
    /// <param name="app">The endpoint builder.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/exports").RequireAuthorization(Policies.Owner);
        exports.MapGet("/segments/{segmentation}.csv", async (string segmentation, HttpContext http, RunContextQueries runContext, SegmentsQueries segments, CancellationToken cancellationToken) =>
        {
            if (!Segmentations.All.Contains(segmentation))
            {
                return Results.NotFound();
            }

            var run = (await runContext.ContextAsync(cancellationToken)).Current;
            if (run is null)
            {
                return Results.NotFound();
            }

            var rows = await segments.SegmentsAsync(run.Id, segmentation, cancellationToken);
            await WriteAsync(
                http,
                FileName(run, "segments-" + segmentation),
                ["segment", "customers", "customer_share", "value_share", "total_revenue", "average_order_value", "repeat_rate", "mean_p_alive", "expected_purchases", "total_clv", "mean_clv", "clv_to_cac", "previous_customers", "moved_in", "moved_out"],
                rows.Select(r => new[]
                {
                    r.Segment, N(r.Customers), N(r.CustomerShare), N(r.ValueShare), N(r.TotalRevenue), N(r.AverageOrderValue), N(r.RepeatRate),
                    N(r.MeanProbabilityAlive), N(r.ExpectedPurchases), N(r.TotalClv), N(r.MeanClv), N(r.ClvToCac), N(r.PreviousCustomers), N(r.MovedIn), N(r.MovedOut),
                }).ToAsyncEnumerable(),
                cancellationToken);
            return Results.Empty;
        });
        exports.MapGet("/segment-migrations/{segmentation}.csv", async (string segmentation, HttpContext http, RunContextQueries runContext, SegmentsQueries segments, CancellationToken cancellationToken) =>
        {
            if (segmentation is not (Segmentations.Rfm or Segmentations.ValueTier or Segmentations.ChurnRisk))
            {
                return Results.NotFound();
            }

            var run = (await runContext.ContextAsync(cancellationToken)).Current;
            if (run is null)
            {
                return Results.NotFound();
            }

            var matrix = await segments.StoredMigrationAsync(run.Id, segmentation, cancellationToken);
            await WriteAsync(
                http,
                FileName(run, "segment-migrations-" + segmentation),
                ["from", .. matrix.To.Select(to => RejectedRowsCsv.Cell(to ?? GoneColumn))],
                matrix.From.Select(from => (string[])[from ?? NewRow, .. matrix.To.Select(to => N(matrix.Customers(from, to)))]).ToAsyncEnumerable(),
                cancellationToken);
            return Results.Empty;
        });
        exports.MapGet("/rfm-grid.csv", async (HttpContext http, RunContextQueries runContext, SegmentsQueries segments, CancellationToken cancellationToken) =>
        {
            var run = (await runContext.ContextAsync(cancellationToken)).Current;
            if (run is null)
            {
                return Results.NotFound();
            }

            var cells = await segments.RfmGridAsync(run.Id, cancellationToken);
            await WriteAsync(
                http,
                FileName(run, "rfm-grid"),
                ["recency_score", "frequency_monetary_score", "segment", "customers", "mean_clv"],
                cells.Select(c => new[] { N(c.RecencyScore), N(c.FrequencyMonetaryScore), c.Segment, N(c.Customers), N(c.MeanClv) }).ToAsyncEnumerable(),
                cancellationToken);
            return Results.Empty;
        });
        exports.MapGet("/cohorts.csv", async (HttpContext http, RunContextQueries runContext, CohortsQueries cohorts, CancellationToken cancellationToken) =>
            {
                var run = (await runContext.ContextAsync(cancellationToken)).Current;
                if (run is null)
                {
                    return Results.NotFound();
                }

                var cells = await cohorts.CohortsAsync(run.Id, cancellationToken);
                await WriteAsync(
                    http,
                    FileName(run, "cohorts"),
                    ["acquisition_month", "months_since_acquisition", "cohort_size", "active_customers", "retention", "revenue", "cumulative_revenue", "cumulative_revenue_per_customer", "partial_month"],
                    cells.Select(c => new[]
                    {
                        c.AcquisitionMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture), N(c.MonthsSinceAcquisition), N(c.CohortSize), N(c.ActiveCustomers), N(c.Retention),
                        N(c.Revenue), N(c.CumulativeRevenue), N(c.CumulativeRevenuePerCustomer), c.IsPartial ? "true" : "false",
                    }).ToAsyncEnumerable(),
                    cancellationToken);
                return Results.Empty;
            })
            .RequireAuthorization(Policies.Analyst);
        exports.MapGet("/channel-cohorts.csv", async (string? channel, HttpContext http, RunContextQueries runContext, CohortsQueries cohorts, CancellationToken cancellationToken) =>
            {
                var run = (await runContext.ContextAsync(cancellationToken)).Current;
                if (run is null || string.IsNullOrEmpty(channel) || !(await cohorts.CohortChannelsAsync(run.Id, cancellationToken)).Contains(channel))
                {
                    return Results.NotFound();
                }

                var cells = await cohorts.ChannelCohortsAsync(run.Id, channel, cancellationToken);
                await WriteAsync(
                    http,
                    FileName(run, "cohorts-" + FileNamePart(channel)),
                    ["channel", "acquisition_month", "months_since_acquisition", "cohort_size", "active_customers", "retention", "revenue", "cumulative_revenue", "cumulative_revenue_per_customer", "partial_month"],
                    cells.Select(c => new[]
                    {
                        channel, c.AcquisitionMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture), N(c.MonthsSinceAcquisition), N(c.CohortSize), N(c.ActiveCustomers), N(c.Retention),
                        N(c.Revenue), N(c.CumulativeRevenue), N(c.CumulativeRevenuePerCustomer), c.IsPartial ? "true" : "false",
                    }).ToAsyncEnumerable(),
                    cancellationToken);
                return Results.Empty;
            })
            .RequireAuthorization(Policies.Analyst);
        exports.MapGet("/model-fits.csv", async (HttpContext http, RunContextQueries runContext, ModelHealthQueries modelHealth, CancellationToken cancellationToken) =>
            {
                var run = (await runContext.ContextAsync(cancellationToken)).Current;
                if (run is null || await modelHealth.ModelHealthAsync(run.Id, cancellationToken) is not { } health)
                {
                    return Results.NotFound();
                }

                await WriteAsync(
                    http,
                    FileName(run, "model-fits"),
                    ["model", "period", "chosen", "parameter", "estimate", "standard_error", "log_likelihood", "converged", "customers", "holdout_mae", "baseline_mae", "holdout_predicted", "holdout_actual"],
                    health.Fits.SelectMany(f => f.Parameters.Select(p => new[]
                    {
                        f.ModelName, f.Period.ToString(), f.IsChosen ? "true" : "false", p.Name, N(p.Estimate), N(p.StandardError), N(f.LogLikelihood), f.Converged ? "true" : "false",
                        N(f.CustomersUsed), N(f.HoldoutMeanAbsoluteError), N(f.BaselineMeanAbsoluteError), N(f.HoldoutPredictedPurchases), N(f.HoldoutActualPurchases),
                    })).ToAsyncEnumerable(),
                    cancellationToken);
                return Results.Empty;
            })
            .RequireAuthorization(Policies.Analyst);
        exports.MapGet("/customers.csv", async (string? q, string? segment, CustomerPreset? preset, CustomerSort? sort, bool? desc, HttpContext http, RunContextQueries runContext, CustomerListQueries customers, CancellationToken cancellationToken) =>
        {
            var context = await runContext.ContextAsync(cancellationToken);
            if (context.Current is not { } run)
            {
                return Results.NotFound();
            }

            var request = new CustomerListRequest(q, segment, preset ?? CustomerPreset.None, sort ?? CustomerSort.PredictedClv, desc ?? true, 1, CustomerBatch);
            await WriteAsync(
                http,
                FileName(run, "customers"),
                ["customer_id", "segment", "value_tier", "churn_risk", "p_alive", "expected_purchases", "predicted_clv", "total_revenue", "last_purchase"],
                CustomerRowsAsync(customers, run, context.Previous?.Id, request, cancellationToken),
                cancellationToken);
            return Results.Empty;
        });
        exports.MapGet("/customers/{id:long}/history.csv", async (long id, HttpContext http, RunContextQueries runContext, CustomerQueries customers, CancellationToken cancellationToken) =>
        {
            var context = await runContext.ContextAsync(cancellationToken);
            if (context.Current is not { } run || await customers.CustomerAsync(run.Id, id, cancellationToken) is not { } customer)
            {
                return Results.NotFound();
            }

            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(context.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
            await WriteAsync(
                http,
                FileName(run, FormattableString.Invariant($"customer-{id}-history")),
                [.. CustomerHistoryColumns],
                CustomerHistoryRowsAsync(customers, customer, zone),
                cancellationToken);
            return Results.Empty;
        });
        return app;
    }

    /// <summary>
    /// The columns of a customer's history export: one <c>purchase</c> row per stored transaction (oldest first, the
    /// day in the business's time zone), then one <c>run</c> row per kept run the customer is in (oldest first, dated
    /// by the run's last day of data) with the customer's segment and the model's figures in that run.
    /// </summary>
    public static IReadOnlyList<string> CustomerHistoryColumns { get; } =
        ["record", "customer_id", "date", "amount", "currency", "order_reference", "run", "segment", "value_tier", "p_alive", "expected_purchases", "predicted_clv"];

    private static async IAsyncEnumerable<string[]> CustomerHistoryRowsAsync(CustomerQueries customers, CustomerDetail customer, TimeZoneInfo zone)
    {
        string Day(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await foreach (var p in customers.PurchasesAsync(customer.CustomerId))
        {
            yield return ["purchase", customer.ExternalId, Day(p.OccurredAtUtc), N(p.Amount), p.Currency, p.OrderReference ?? "", "", "", "", "", "", ""];
        }

        foreach (var state in customer.History)
        {
            yield return
            [
                "run", customer.ExternalId, state.ObservationEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? Day(state.AsOfUtc), "", "", "", N(state.RunId), state.Segment, state.ValueTier,
                N(state.ProbabilityAlive), N(state.ExpectedPurchases), N(state.PredictedClv),
            ];
        }
    }

    /// <summary>The download's file name: what, the run and the last day of its data.</summary>
    /// <param name="run">The run.</param>
    /// <param name="what">The table.</param>
    public static string FileName(RunHeader run, string what)
    {
        ArgumentNullException.ThrowIfNull(run);
        var asOf = (run.ObservationEnd ?? DateOnly.FromDateTime(run.AsOfUtc)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return FormattableString.Invariant($"cltv-{what}-run-{run.Id}-as-of-{asOf}.csv");
    }

    // A channel is the user's own text: only letters and digits reach a file name.
    private static string FileNamePart(string text)
    {
        var part = new string(text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return part.Length == 0 ? "channel" : part;
    }

    private static async IAsyncEnumerable<string[]> CustomerRowsAsync(
        CustomerListQueries customers, RunHeader run, long? previousRunId, CustomerListRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var c in customers.AllCustomersAsync(run, previousRunId, request, cancellationToken))
        {
            yield return [c.ExternalId, c.Segment, c.ValueTier, c.ChurnRiskBand, N(c.ProbabilityAlive), N(c.ExpectedPurchases), N(c.PredictedClv), N(c.TotalRevenue), c.LastPurchase?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""];
        }
    }

    private static async Task WriteAsync(HttpContext http, string fileName, IReadOnlyList<string> header, IAsyncEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
        await using (writer)
        {
            var line = new StringBuilder();
            await writer.WriteAsync(string.Join(',', header) + "\r\n");
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                line.Clear();
                for (var i = 0; i < row.Length; i++)
                {
                    if (i > 0)
                    {
                        line.Append(',');
                    }

                    // Numbers go out as they are (a negative one is not a formula); any other text is neutralised.
                    line.Append(double.TryParse(row[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? row[i] : RejectedRowsCsv.Cell(row[i]));
                }

                line.Append("\r\n");
                await writer.WriteAsync(line, cancellationToken);
            }
        }
    }

    private static string N(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string N(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "";

    private static string N(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
}
