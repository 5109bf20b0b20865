using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace CltvDashboard.Web.Identity;

/// <summary>
/// Who may open what: every part of the application with its least role. Pages are authorized from this table by
/// <see cref="Authorize"/>, exports and API calls by <see cref="RequireResource{TBuilder}"/> and
/// <see cref="RequireApiResource{TBuilder}"/>; every endpoint carries its resource, so a test can walk them all.
/// </summary>
public static class AppResources
{
    /// <summary>Signing in, the first-run setup, the error and status pages, health checks and static files.</summary>
    public static AppResource Public { get; } = new("Public", null, null, [], ["/Account/SignIn", "/Setup", "/Error", "/Status", "/Digest/Unsubscribe"]);

    /// <summary>Signing out.</summary>
    public static AppResource Account { get; } = new("Account", CltvRoles.Owner, null, [], ["/Account/SignOut", "/Account/Digest"]);

    /// <summary>The start page.</summary>
    public static AppResource Home { get; } = new("Home", CltvRoles.Owner, "/", [], ["/Index"]);

    /// <summary>Headline KPIs: the Overview page and <c>/api/v1/kpis</c>.</summary>
    public static AppResource Overview { get; } = new("Overview", CltvRoles.Owner, "/Overview", ["/Overview"]);

    /// <summary>Segments, their movement and the RFM grid: page, exports and <c>/api/v1/segments</c>.</summary>
    public static AppResource Segments { get; } = new("Segments", CltvRoles.Owner, "/Segments", ["/Segments"]);

    /// <summary>The customer list and each customer: pages, exports and <c>/api/v1/customers</c>.</summary>
    public static AppResource Customers { get; } = new("Customers", CltvRoles.Owner, "/Customers", ["/Customers"]);

    /// <summary>The what-if projections.</summary>
    public static AppResource WhatIf { get; } = new("What-if", CltvRoles.Owner, "/WhatIf", ["/WhatIf"]);

    /// <summary>Calculation runs: page, their status and <c>/api/v1/runs</c>.</summary>
    public static AppResource Runs { get; } = new("Runs", CltvRoles.Owner, "/Runs", ["/Runs"]);

    /// <summary>The OpenAPI description of the API.</summary>
    public static AppResource ApiDescription { get; } = new("API description", CltvRoles.Owner, null, []);

    /// <summary>Acquisition cohorts: page, exports and <c>/api/v1/cohorts</c>.</summary>
    public static AppResource Cohorts { get; } = new("Cohorts", CltvRoles.Analyst, "/Cohorts", ["/Cohorts"]);

    /// <summary>The fitted models and their checks: page and export.</summary>
    public static AppResource ModelHealth { get; } = new("Model health", CltvRoles.Analyst, "/ModelHealth", ["/ModelHealth"]);

    /// <summary>Uploads and imports: pages, their progress and the rejected rows.</summary>
    public static AppResource Imports { get; } = new("Imports", CltvRoles.Analyst, "/Imports", ["/Upload", "/Imports"]);

    /// <summary>The business settings.</summary>
    public static AppResource Settings { get; } = new("Settings", CltvRoles.Analyst, "/Settings", ["/Settings"]);

    /// <summary>Users, roles and API tokens.</summary>
    public static AppResource Users { get; } = new("Users", CltvRoles.Admin, "/Users", ["/Users"]);

    /// <summary>The background-job dashboard at <c>/hangfire</c>.</summary>
    public static AppResource Jobs { get; } = new("Jobs", CltvRoles.Admin, null, []);

    /// <summary>The alert rules and what fired: Owners read, Analysts change the rules.</summary>
    public static AppResource Alerts { get; } = new("Alerts", CltvRoles.Owner, "/Alerts", ["/Alerts"]);

    /// <summary>Where alerts go: the SMTP server (shown, never its password), e-mail recipients, webhooks and their secrets, tests.</summary>
    public static AppResource AlertDelivery { get; } = new("Alert delivery", CltvRoles.Admin, "/AlertDelivery", ["/AlertDelivery"]);

    /// <summary>Erasing a customer and the audit list of erasures.</summary>
    public static AppResource Erasures { get; } = new("Erasures", CltvRoles.Admin, "/Erasures", ["/Erasures"]);

    /// <summary>Contact lists for Klaviyo and Mailchimp: exports and <c>/api/v1/audiences</c>; they hold e-mail addresses and names.</summary>
    public static AppResource Audiences { get; } = new("Audiences", CltvRoles.Owner, null, []);

    /// <summary>Every resource.</summary>
    public static IReadOnlyList<AppResource> All { get; } =
        [Public, Account, Home, Overview, Segments, Customers, WhatIf, Runs, ApiDescription, Cohorts, ModelHealth, Imports, Settings, Users, Jobs,
         Alerts, AlertDelivery, Erasures, Audiences];

    /// <summary>Authorizes each resource's pages by its rule and marks them with it.</summary>
    /// <param name="conventions">The Razor Pages conventions.</param>
    public static void Authorize(PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        foreach (var resource in All)
        {
            foreach (var folder in resource.Folders)
            {
                conventions.AddFolderApplicationModelConvention(folder, page => Apply(page, resource));
            }

            foreach (var page in resource.Pages)
            {
                conventions.AddPageApplicationModelConvention(page, model => Apply(model, resource));
            }
        }
    }

    /// <summary>Marks an endpoint (a page's action, an export) with its resource and authorizes it by the resource's cookie policy.</summary>
    /// <param name="builder">The endpoint.</param>
    /// <param name="resource">Its resource.</param>
    public static TBuilder RequireResource<TBuilder>(this TBuilder builder, AppResource resource)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(resource);
        builder.WithMetadata(resource);
        return resource.IsPublic ? builder.AllowAnonymous() : builder.RequireAuthorization(resource.Policy);
    }

    /// <summary>Marks an API endpoint with its resource and authorizes it by the resource's API policy (cookie or token).</summary>
    /// <param name="builder">The endpoint.</param>
    /// <param name="resource">Its resource.</param>
    public static TBuilder RequireApiResource<TBuilder>(this TBuilder builder, AppResource resource)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(resource);
        return builder.WithMetadata(resource).RequireAuthorization(resource.ApiPolicy);
    }

    private static void Apply(PageApplicationModel page, AppResource resource)
    {
        page.EndpointMetadata.Add(resource);
        if (resource.IsPublic)
        {
            page.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
        }
        else
        {
            page.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(resource.Policy));
        }
    }
}
