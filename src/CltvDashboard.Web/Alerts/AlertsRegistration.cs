using CltvDashboard.Infrastructure.Alerts.Delivery;
using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Infrastructure.Queries.Alerts;

namespace CltvDashboard.Web.Alerts;

/// <summary>Registers the Alerts pages' reads, the delivery of alerts and the weekly digest, with their options.</summary>
public static class AlertsRegistration
{
    /// <summary>
    /// Adds <see cref="AlertQueries"/> and the delivery services, binding <see cref="AlertDeliveryOptions"/>
    /// (<c>Cltv:AlertDelivery</c>) and <see cref="SmtpOptions"/> (<c>Cltv:Smtp</c>), checked on start.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder AddCltvAlerts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<AlertQueries>();
        builder.Services.AddCltvAlertDelivery();
        builder.Services.AddCltvDigest();
        builder.Services.AddOptions<AlertDeliveryOptions>().Bind(builder.Configuration.GetSection(AlertDeliveryOptions.Section))
            .Validate(o => o.Validate().Count == 0, "Cltv:AlertDelivery is not valid: MaxAttempts 1–20, FirstRetrySeconds ≥ 0, BackoffFactor ≥ 1, WebhookTimeoutSeconds > 0, AppUrl absolute.")
            .ValidateOnStart();
        builder.Services.AddOptions<SmtpOptions>().Bind(builder.Configuration.GetSection(SmtpOptions.Section));
        return builder;
    }
}
