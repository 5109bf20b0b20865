using Serilog.AspNetCore;
using Serilog.Events;

namespace CltvDashboard.Web.Hosting;

/// <summary>
/// The level of each request's log line: failures stand out, page views are Information, and the requests that
/// repeat on their own (health probes, progress polling, static files) drop to Debug so that they do not drown the rest.
/// A request whose client went away (a closed tab, a cancelled fetch) ends in a cancellation that is not a failure of
/// ours: Debug too, where it would otherwise be logged as a 500 with a stack trace.
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
    }

    private static bool IsRoutine(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/api") || Path.HasExtension(path.Value);
}
