using System.Threading.RateLimiting;
using CltvDashboard.Infrastructure;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Configuration;
using CltvDashboard.Web.Endpoints;
using CltvDashboard.Web.Health;
using CltvDashboard.Web.Hosting;
using CltvDashboard.Web.Identity;
using CltvDashboard.Web.Imports;
using CltvDashboard.Web.Jobs;
using CltvDashboard.Web.Pages.Customers;
using Hangfire;
using Hangfire.States;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Serilog;

namespace CltvDashboard.Web;

/// <summary>The web application's services, one method per concern, called in order from Program.cs.</summary>
public static class DependencyInjection
{
    /// <summary>The rate-limiting policy of sign-in and setup posts, per client address.</summary>
    public const string SignInRateLimit = "sign-in";

    /// <summary>The rate-limiting policy of upload and demo-load posts, per user.</summary>
    public const string UploadRateLimit = "upload";

    /// <summary>Serilog as the logger, its sinks and levels from the <c>Serilog</c> configuration section.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder AddCltvLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The static bootstrap logger is left alone so that several hosts in one process (the tests) keep their own.
        builder.Services.AddSerilog(
            (services, logger) => logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext()
                .Enrich.With<Hosting.CustomerIdRedaction>(),
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>The <c>Cltv</c> settings, checked on start.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder AddCltvOptions(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CltvWebOptions>().Bind(builder.Configuration.GetSection(CltvWebOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The store from <c>ConnectionStrings:Cltv</c> (or <c>CLTV_DATABASE</c>), the SQLite default file when blank; migrated on start.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder AddCltvStore(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var database = Database(builder.Configuration);
        builder.Services.AddCltvStorage(database);
        builder.Services.AddSingleton(new StoreLocation(database));
        builder.Services.AddHostedService<StartupTasks>();
        return builder;
    }

    /// <summary>ASP.NET Core Identity on the store, API tokens, the role policies and the first-run setup.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder AddCltvIdentity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = WebOptions(builder.Configuration);
        builder.Services
            .AddIdentity<CltvUser, IdentityRole>(CltvIdentityRules.Apply)
            .AddEntityFrameworkStores<CltvDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.AddCltvUsers();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/SignIn";
            cookie.LogoutPath = "/Account/SignOut";
            cookie.Cookie.Name = "cltv.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The JSON endpoints answer 401; a redirect to an HTML page would only confuse a script.
            cookie.Events.OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            // A refusal is a 403 where it was asked, so the address stays; the status pages show people why.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            // Each cookie names a stored session, checked against the user's current role and lock (in place of Identity's stamp check).
            SessionValidation.Attach(cookie.Events);
        });
        builder.Services.AddSingleton<SessionCheckCache>();
        builder.Services.AddScoped<SessionValidation>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddScoped<PasswordSignIn>();
        // Bearer tokens for /api/v1 only; the cookie stays the default scheme of everything else.
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddSingleton<SetupToken>();
        builder.Services.AddScoped<UserDirectory>();
        // Keys outlive restarts so that signed-in users stay signed in; they sit with the instance's data.
        builder.Services.AddDataProtection()
            .SetApplicationName("CltvDashboard")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.ResolvedDataFolder, "keys")));
        return builder;
    }

    /// <summary>The upload folder, the in-process import queue and its worker, and the sweep of abandoned uploads.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder AddCltvImports(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<UploadStore>();
        builder.Services.AddSingleton<ImportProgressStore>();
        builder.Services.AddSingleton<ImportBacklog>();
        builder.Services.AddSingleton<DemoLoader>();
        builder.Services.AddHostedService<ImportWorker>();
        builder.Services.AddSingleton<UploadJanitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<UploadJanitor>());
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form =>
            form.MultipartBodyLengthLimit = WebOptions(builder.Configuration).MaxUploadBytes + (1 << 20));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = WebOptions(builder.Configuration).MaxUploadBytes + (1 << 20));
        return builder;
    }

    /// <summary>
    /// Hangfire: PostgreSQL storage when the store is PostgreSQL (shared by every instance), in memory otherwise;
    /// the job server only on instances whose role includes the worker.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder AddCltvJobs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var database = Database(builder.Configuration);
        builder.Services.AddHangfire(hangfire => CltvJobStorage.Configure(
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings(),
            database));
        if (WebOptions(builder.Configuration).RunsJobs)
        {
            builder.Services.AddHangfireServer(server => server.Queues = [RecalculationJob.Queue, EnqueuedState.DefaultQueue]);
        }

        builder.Services.AddCltvRecalculation();
        return builder;
    }

    /// <summary>Rate limits on sign-in, upload, demo-load and push posts (429 with Retry-After), antiforgery cookie settings.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder AddCltvSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = WebOptions(builder.Configuration);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInRateLimit, context => PostsOnly(context, context.Connection.RemoteIpAddress?.ToString(), options.SignInAttemptsPerMinute));
            limiter.AddPolicy(UploadRateLimit, context => PostsOnly(context, context.User.Identity?.Name, options.UploadsPerMinute));
            limiter.AddPolicy(TransactionPushEndpoints.RateLimitPolicy, context => PostsOnly(
                context,
                context.User.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim)?.Value is { } tokenId ? "token:" + tokenId : "user:" + context.User.Identity?.Name,
                options.PushBatchesPerMinute));
            limiter.OnRejected = (rejected, _) =>
            {
                // Says when to try again, so that an integration waits rather than hammers.
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
        });
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "cltv.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return builder;
    }

    /// <summary>Health checks: <c>/health/live</c> (the process answers) and <c>/health/ready</c> (database, migrations, job storage).</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder AddCltvHealthChecks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<CltvDbContext>("database", tags: ["ready"])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"])
            .AddCheck<HangfireStorageHealthCheck>("job storage", tags: ["ready"]);
        return builder;
    }

    /// <summary>Razor Pages authorized by their resources, the customer pages' addresses, the dashboards' read services and the warming of a new run's figures.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder AddCltvPages(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorPages(pages =>
        {
            AppResources.Authorize(pages.Conventions);
            CustomerAddress.AddRoutes(pages.Conventions);
            pages.Conventions.AddPageApplicationModelConvention("/Account/SignIn", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(SignInRateLimit)));
            pages.Conventions.AddPageApplicationModelConvention("/Setup", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(SignInRateLimit)));
            pages.Conventions.AddPageApplicationModelConvention("/Upload/Index", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(UploadRateLimit)));
            // Loading the demo queues an import like an upload, so it shares the uploads' limit (its posts only).
            pages.Conventions.AddPageApplicationModelConvention("/Index", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(UploadRateLimit)));
        });
        builder.Services.AddSingleton<RunResultCache>();
        builder.Services.AddScoped<RunContextQueries>();
        builder.Services.AddScoped<OverviewQueries>();
        builder.Services.AddScoped<SegmentsQueries>();
        builder.Services.AddScoped<CustomerListQueries>();
        builder.Services.AddScoped<CustomerQueries>();
        builder.Services.AddScoped<CohortsQueries>();
        builder.Services.AddScoped<ModelHealthQueries>();
        builder.Services.AddScoped<WhatIfQueries>();

        return builder;
    }

    /// <summary>The database setting: <c>ConnectionStrings:Cltv</c> (<c>CLTV_DATABASE</c>); null for the SQLite default file.</summary>
    /// <param name="configuration">The configuration.</param>
    public static string? Database(IConfiguration configuration)
    {
        var database = configuration.GetConnectionString("Cltv");
        return string.IsNullOrWhiteSpace(database) ? null : database;
    }

    private static CltvWebOptions WebOptions(ConfigurationManager configuration) =>
        configuration.GetSection(CltvWebOptions.Section).Get<CltvWebOptions>() ?? new CltvWebOptions();

    private static RateLimitPartition<string> PostsOnly(HttpContext context, string? key, int perMinute) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(
                key ?? "anonymous", _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("reads");

    private static Task ApiStatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
