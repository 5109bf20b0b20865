using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Identity;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace CltvDashboard.Web.Endpoints;

/// <summary>
/// The read-only JSON API under <c>/api/v1</c> for e-mail and CRM tools: runs, KPIs, segments, customers (paged)
/// and cohorts of the current run, for a signed-in user (the session cookie) or an API token
/// (<c>Authorization: Bearer cltv_…</c>, created by an Admin on the Users page) whose role the call's resource admits,
/// as its page does (<see cref="AppResources"/>). Described by the OpenAPI document
/// at <c>/api/v1/openapi.json</c>.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>Customers per page when a request does not say.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The OpenAPI document's name.</summary>
    public const string DocumentName = "v1";

    /// <summary>The most runs <c>/api/v1/runs</c> lists.</summary>
    public const int MaxRuns = 100;

    /// <summary>Registers the OpenAPI document.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder AddCltvApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolver = (options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(ApiNumbers.Round));
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "CLTV Dashboard API";
                document.Info.Description = "Read-only access to the current calculation run's results. Send an API token an Admin created on the Users page "
                    + "(Authorization: Bearer cltv_…), or sign in and send the session cookie. A token acts with its user's current role.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiTokenAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API token (cltv_…) created by an Admin on the Users page.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiTokenAuthenticationHandler.SchemeName, document)] = [] });
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>Maps <c>/api/v1/*</c> and its OpenAPI document.</summary>
    /// <param name="app">The endpoint builder.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IEndpointRouteBuilder MapCltvApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json").RequireApiResource(AppResources.ApiDescription);
        var api = app.MapGroup("/api/v1").WithTags("Results");

        api.MapGet("/runs", async (CltvDbContext context, CancellationToken cancellationToken) =>
            {
                var runs = await context.CalculationRuns.AsNoTracking()
                    .OrderByDescending(r => r.Id)
                    .Take(MaxRuns)
                    .Select(r => new { r.Id, r.Status, r.Trigger, r.AsOfUtc, r.ObservationEnd, r.RequestedAtUtc, r.FinishedAtUtc, r.IsCurrent, r.CustomerCount, r.ChosenModel, r.Error })
                    .ToListAsync(cancellationToken);
                return TypedResults.Ok(runs.Select(r => new ApiRun(
                        r.Id, r.Status.ToString(), r.Trigger.ToString(), r.AsOfUtc, r.ObservationEnd, r.RequestedAtUtc, r.FinishedAtUtc, r.IsCurrent, r.CustomerCount, r.ChosenModel, r.Error))
                    .ToList());
            })
            .RequireApiResource(AppResources.Runs)
            .WithName("ListRuns")
            .WithSummary("The newest calculation runs, newest first; isCurrent marks the one whose results the other calls return.");

        api.MapGet("/kpis", async Task<Results<Ok<ApiKpis>, NotFound>> (RunContextQueries runContext, OverviewQueries overview, CancellationToken cancellationToken) =>
            {
                var context = await runContext.ContextAsync(cancellationToken);
                if (context.Current is not { } run || await overview.KpisAsync(run.Id, cancellationToken) is not { } kpis)
                {
                    return TypedResults.NotFound();
                }

                var previous = context.Previous is { } before ? await overview.KpisAsync(before.Id, cancellationToken) : null;
                return TypedResults.Ok(new ApiKpis(run.Id, run.ObservationEnd, context.CurrencyCode, kpis, previous, context.Warnings));
            })
            .RequireApiResource(AppResources.Overview)
            .WithName("GetKpis")
            .WithSummary("The current run's headline figures (the owners' rule of thumb under ruleOfThumb, apart from the model's CLV), its warnings in plain words and, when there is one, the previous run's figures for comparison.");

        api.MapGet("/segments/{segmentation}", async Task<Results<Ok<ApiList<SegmentRow>>, NotFound>> (string segmentation, RunContextQueries runContext, SegmentsQueries segments, CancellationToken cancellationToken) =>
            {
                if (!Segmentations.All.Contains(segmentation) || (await runContext.ContextAsync(cancellationToken)).Current is not { } run)
                {
                    return TypedResults.NotFound();
                }

                return TypedResults.Ok(new ApiList<SegmentRow>(run.Id, await segments.SegmentsAsync(run.Id, segmentation, cancellationToken)));
            })
            .RequireApiResource(AppResources.Segments)
            .WithName("ListSegments")
            .WithSummary("One segmentation's segments in the current run: rfm, value-tier, churn-risk, cohort or channel.");

        api.MapGet("/customers", async Task<Results<Ok<ApiPage<CustomerRow>>, NotFound, ValidationProblem>> (
                string? q, string? segment, CustomerPreset? preset, CustomerSort? sort, bool? desc, int? page, int? pageSize, RunContextQueries runContext, CustomerListQueries customers, CancellationToken cancellationToken) =>
            {
                if (page < 1 || pageSize is < 1 or > CustomerListQueries.MaxPageSize)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["page"] = [$"page starts at 1; pageSize is 1–{CustomerListQueries.MaxPageSize}."],
                    });
                }

                var context = await runContext.ContextAsync(cancellationToken);
                if (context.Current is not { } run)
                {
                    return TypedResults.NotFound();
                }

                var result = await customers.CustomersAsync(
                    run,
                    context.Previous?.Id,
                    new CustomerListRequest(q, segment, preset ?? CustomerPreset.None, sort ?? CustomerSort.PredictedClv, desc ?? true, page ?? 1, pageSize ?? DefaultPageSize, context.OverdueAsOf),
                    cancellationToken);
                return TypedResults.Ok(new ApiPage<CustomerRow>(run.Id, result.Items, result.Page, result.PageSize, result.TotalCount, result.PageCount));
            })
            .RequireApiResource(AppResources.Customers)
            .WithName("ListCustomers")
            .WithSummary("A page of the current run's customers: search by id (q), filter by RFM segment or preset (HighValueAtRisk, Champions, Overdue), sort (PredictedClv, "
                + "ProbabilityAlive, PurchaseProbability, ExpectedNextPurchase, ExpectedPurchases, LastPurchase, Revenue, CustomerId). Each customer carries purchaseProbability "
                + "(chance of buying again within the run's window of days), expectedNextPurchase (null when not expected) and overdue (a regular customer whose day has passed).");

        api.MapGet("/audiences", async Task<Results<Ok<ApiPage<AudienceMember>>, NotFound, ValidationProblem>> (
                string? q, string? segment, string? tier, string? risk, CustomerPreset? preset, CustomerSort? sort, bool? desc, int? page, int? pageSize,
                RunContextQueries runContext, CustomerListQueries customers, CancellationToken cancellationToken) =>
            {
                if (page < 1 || pageSize is < 1 or > CustomerListQueries.MaxPageSize)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["page"] = [$"page starts at 1; pageSize is 1–{CustomerListQueries.MaxPageSize}."],
                    });
                }

                var context = await runContext.ContextAsync(cancellationToken);
                if (context.Current is not { } run)
                {
                    return TypedResults.NotFound();
                }

                var request = new CustomerListRequest(q, segment, preset ?? CustomerPreset.None, sort ?? CustomerSort.PredictedClv, desc ?? true, page ?? 1, pageSize ?? DefaultPageSize, context.OverdueAsOf)
                {
                    ValueTier = tier,
                    ChurnRisk = risk,
                };
                var result = await customers.AudienceAsync(run, context.Previous?.Id, request, cancellationToken);
                return TypedResults.Ok(new ApiPage<AudienceMember>(run.Id, result.Items, result.Page, result.PageSize, result.TotalCount, result.PageCount));
            })
            .RequireApiResource(AppResources.Audiences)
            .WithName("ListAudience")
            .WithSummary("A page of a contact list for a marketing tool's sync: the customers the customer list's filters select (q, RFM segment, value tier, churn risk, preset) "
                + "who have an e-mail address, each with email, firstName, lastName and under customer the same figures as /customers (segment, valueTier, churnRiskBand, "
                + "purchaseProbability, predictedClv, expectedNextPurchase). Personal data: for contacting customers only.");

        api.MapGet("/cohorts", async Task<Results<Ok<ApiList<CohortCell>>, NotFound>> (RunContextQueries runContext, CohortsQueries cohorts, CancellationToken cancellationToken) =>
                (await runContext.ContextAsync(cancellationToken)).Current is { } run
                    ? TypedResults.Ok(new ApiList<CohortCell>(run.Id, await cohorts.CohortsAsync(run.Id, cancellationToken)))
                    : TypedResults.NotFound())
            .RequireApiResource(AppResources.Cohorts)
            .WithName("ListCohorts")
            .WithSummary("The current run's cohort cells: per acquisition month and month since, customers buying and revenue. For Analysts and Admins, like the Cohorts page.");
        return app;
    }
}

/// <summary>A calculation run in the API.</summary>
/// <param name="Id">The run.</param>
/// <param name="Status">Queued, Running, Succeeded, Failed or Cancelled.</param>
/// <param name="Trigger">Manual, Import or Schedule.</param>
/// <param name="AsOfUtc">The as-of instant.</param>
/// <param name="ObservationEnd">The last day with data.</param>
/// <param name="RequestedAtUtc">When it was requested.</param>
/// <param name="FinishedAtUtc">When it finished.</param>
/// <param name="IsCurrent">Whether its results are the ones served.</param>
/// <param name="CustomerCount">Customers it covered.</param>
/// <param name="ChosenModel">The model whose forecasts it stored.</param>
/// <param name="Error">Why it failed.</param>
public sealed record ApiRun(long Id, string Status, string Trigger, DateTime AsOfUtc, DateOnly? ObservationEnd, DateTime RequestedAtUtc, DateTime? FinishedAtUtc, bool IsCurrent, int? CustomerCount, string? ChosenModel, string? Error);

/// <summary>The KPIs of the current run and the previous one.</summary>
/// <param name="RunId">The current run.</param>
/// <param name="ObservationEnd">Its last day with data.</param>
/// <param name="Currency">The currency the current run was computed in.</param>
/// <param name="Current">The current run's figures.</param>
/// <param name="Previous">The previous run's figures, if any.</param>
/// <param name="Warnings">The current run's data-quality and model warnings in plain words; empty without any.</param>
public sealed record ApiKpis(long RunId, DateOnly? ObservationEnd, string? Currency, RunKpis Current, RunKpis? Previous, IReadOnlyList<string> Warnings);

/// <summary>A run's rows.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="RunId">The run.</param>
/// <param name="Items">The rows.</param>
public sealed record ApiList<T>(long RunId, IReadOnlyList<T> Items);

/// <summary>A page of a run's rows.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="RunId">The run.</param>
/// <param name="Items">This page's rows.</param>
/// <param name="Page">1-based page.</param>
/// <param name="PageSize">Rows per page.</param>
/// <param name="TotalCount">Rows over all pages.</param>
/// <param name="PageCount">Pages.</param>
public sealed record ApiPage<T>(long RunId, IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, int PageCount);
