using System.Net;
using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Hosting;

/// <summary>
/// Answers a request that failed because the database cannot be reached with 503 and a page that says so and tries
/// again by itself (<c>/api</c> gets a problem document), instead of the error page's 500.
/// </summary>
/// <remarks>
/// Written here rather than re-executed as a Razor page: every page, and the sign-in check of the session cookie,
/// needs the database that is missing, so this page needs nothing but the stylesheet.
/// </remarks>
public sealed partial class DatabaseUnavailablePage
{
    /// <summary>How long the page waits before trying again, in seconds; also the <c>Retry-After</c> header.</summary>
    public const int RetrySeconds = 15;

    private readonly RequestDelegate _next;
    private readonly ILogger<DatabaseUnavailablePage> _logger;

    public DatabaseUnavailablePage(RequestDelegate next, ILogger<DatabaseUnavailablePage> logger)
    {
        _next = next;
        _logger = logger;
    }

    /// <summary>Runs the rest of the pipeline and answers for it when the database is unreachable.</summary>
    /// <param name="context">The request.</param>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (StoreFailures.IsUnreachable(e) && !context.Response.HasStarted)
        {
            LogUnreachable(context.Request.Path, StoreFailures.DatabaseMessage(e));
            await WriteAsync(context).ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(
                title: "The database cannot be reached",
                detail: $"The request could not be served because the database does not answer. Try again in {RetrySeconds} seconds.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        response.ContentType = "text/html; charset=utf-8";
        var again = WebUtility.HtmlEncode(context.Request.PathBase + context.Request.Path + context.Request.QueryString);
        await response.WriteAsync(
            $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta http-equiv="refresh" content="{{RetrySeconds}}" />
                <title>Database unreachable · CLTV Dashboard</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href="/css/site.css" />
            </head>
            <body>
            <header class="topbar"><a class="brand" href="/">CLTV<span>Dashboard</span></a></header>
            <main class="page">
                <h1>The database cannot be reached</h1>
                <section class="card">
                    <p>CLTV Dashboard cannot reach its database at the moment, so this page cannot be shown. What is stored is not affected.</p>
                    <p role="status">This page tries again every {{RetrySeconds}} seconds and opens by itself once the database answers. <a href="{{again}}">Try again now</a></p>
                    <p class="muted">If this lasts, ask whoever runs the server to check that the database is running and can be reached from the application.</p>
                </section>
            </main>
            <footer class="footer">CLTV Dashboard · customer lifetime value from your transaction log</footer>
            </body>
            </html>
            """,
            context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database cannot be reached; {Path} answered 503: {DatabaseMessage}")]
    private partial void LogUnreachable(string path, string databaseMessage);
}

/// <summary>Registers <see cref="DatabaseUnavailablePage"/>.</summary>
public static class DatabaseUnavailablePageExtensions
{
    /// <summary>Answers requests that fail on an unreachable database with a 503 page that retries; place it before authentication.</summary>
    /// <param name="app">The application.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IApplicationBuilder UseDatabaseUnavailablePage(this IApplicationBuilder app) => app.UseMiddleware<DatabaseUnavailablePage>();
}
