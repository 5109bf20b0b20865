using Serilog.Core;
using Serilog.Events;

namespace CltvDashboard.Web.Hosting;

/// <summary>
/// Takes customers' own ids out of every log event: ASP.NET Core puts the request path on each event logged during a
/// request (<c>RequestPath</c>, and <c>Path</c> on its request lines), and a customer page's path holds the customer's
/// id, often an e-mail address; its request lines also carry the query (<c>QueryString</c>), where a customer's id
/// travels to their history export, their erasure and the list's search. Logs then hold no personal data, and an
/// erased customer's id is in none.
/// </summary>
public sealed class CustomerIdRedaction : ILogEventEnricher
{
    private static readonly string[] PathProperties = ["RequestPath", "Path"];

    /// <inheritdoc />
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        foreach (var name in PathProperties)
        {
            if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string path }
                && RequestLogLevels.LoggedPath(path) is var logged && !ReferenceEquals(logged, path))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(logged)));
            }
        }

        if (logEvent.Properties.TryGetValue("QueryString", out var query) && query is ScalarValue { Value: string { Length: > 0 } })
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty("QueryString", new ScalarValue("?…")));
        }
    }
}
