using Serilog.AspNetCore;
using Serilog.Events;

namespace CltvDashboard.Web.Hosting;

/// <summary>
/// The level of each request's log line: failures stand out, page views are Information, and the requests that
/// repeat on their own (health probes, progress polling, static files) drop to Debug so that they do not drown the rest.
/// A request whose client went away (a closed tab, a cancelled fetch) ends in a cancellation that is not a failure of
/// ours: Debug too, where it would otherwise be logged as a 500 with a stack trace.
/// A customer page's address holds the customer's own id (often an e-mail address): the line names the page, not the
/// customer, so that logs hold no personal data and an erased customer's id is in none.
/// </summary>
public static class RequestLogLevels
{
    /// <summary>Configures Serilog's request logging.</summary>
    /// <param name="options">The request logging options.</param>
    public static void Configure(RequestLoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.GetLevel = (context, _, exception) =>
            exception is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested ? LogEventLevel.Debug
            : exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
            : IsRoutine(context.Request.Path) ? LogEventLevel.Debug
            : LogEventLevel.Information;
        options.GetMessageTemplateProperties = (context, path, elapsed, status) =>
        [
            new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
            new LogEventProperty("RequestPath", new ScalarValue(LoggedPath(path))),
            new LogEventProperty("StatusCode", new ScalarValue(status)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
        ];
    }

    /// <summary>The request path as logged: a customer page's id is left out.</summary>
    /// <param name="path">The request's path, without its query.</param>
    public static string LoggedPath(string path)
    {
        const string Customers = "/Customers/";
        return path.StartsWith(Customers, StringComparison.OrdinalIgnoreCase) && path.Length > Customers.Length
            ? path[..Customers.Length] + "{id}"
            : path;
    }

    private static bool IsRoutine(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/api") || Path.HasExtension(path.Value);
}
