using CltvDashboard.Infrastructure.Queries.Alerts;

namespace CltvDashboard.Web.Alerts;

/// <summary>Registers the Alerts page's reads.</summary>
public static class AlertsRegistration
{
    /// <summary>Adds <see cref="AlertQueries"/>.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder AddCltvAlerts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<AlertQueries>();
        return builder;
    }
}
