using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CltvDashboard.Domain.Alerts;
using CltvDashboard.Infrastructure.Queries.Alerts;
using MimeKit;

namespace CltvDashboard.Infrastructure.Alerts.Delivery;

/// <summary>
/// What an alert says, as a webhook's JSON body and as an e-mail with an HTML and a plain-text part. The JSON body is
/// documented in the README (<c>type</c> "alert.fired" or "alert.test", <c>deliveryId</c>, <c>alert</c>).
/// </summary>
public static class AlertContent
{
    /// <summary>Customers listed in one message at most; the total is always given.</summary>
    public const int CustomersListed = 1000;

    /// <summary>Customers listed in an e-mail's table; the rest are on the Alerts page.</summary>
    public const int CustomersInMail = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The webhook body of a firing, or of a test when <paramref name="firing"/> is null.</summary>
    /// <param name="deliveryId">The delivery, so that a receiver can recognise a retried request.</param>
    /// <param name="firing">The firing; null for "Send a test".</param>
    /// <param name="alertsUrl">The Alerts page's address, or null.</param>
    public static string WebhookBody(long deliveryId, AlertFiringView? firing, string? alertsUrl)
    {
        var body = new WebhookBodyDto(
            firing is null ? "alert.test" : "alert.fired",
            deliveryId,
            alertsUrl,
            firing is null ? null : new WebhookAlertDto(
                firing.Id,
                firing.Rule,
                firing.RunId,
                firing.ObservationEnd,
                firing.Currency,
                DateTime.SpecifyKind(firing.FiredAtUtc, DateTimeKind.Utc),
                firing.Summary,
                firing.Details,
                firing.CustomerCount,
                [.. firing.Customers.Select(c => new WebhookCustomerDto(c.ExternalId, c.PurchaseProbability, c.PreviousPurchaseProbability, c.PredictedClv, c.ExpectedNextPurchase, c.DaysOverdue))],
                [.. firing.Segments.Select(s => new WebhookSegmentDto(s.Segmentation, s.Segment, s.Customers, s.PreviousCustomers))]));
        return JsonSerializer.Serialize(body, Json);
    }

    /// <summary>The e-mail of a firing, or of a test when <paramref name="firing"/> is null: an HTML part and a plain-text alternative.</summary>
    /// <param name="sender">The sender address.</param>
    /// <param name="recipient">The recipient address.</param>
    /// <param name="firing">The firing; null for "Send a test".</param>
    /// <param name="alertsUrl">The Alerts page's address, or null.</param>
    public static MimeMessage Mail(string sender, string recipient, AlertFiringView? firing, string? alertsUrl)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(sender));
        message.To.Add(MailboxAddress.Parse(recipient));
        var title = firing is null ? "Test alert" : $"{RuleName(firing.Rule)}: {firing.Summary}";
        message.Subject = "[CLTV] " + title;

        var text = new StringBuilder();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<h1 style=\"font-size:1.2em\">{Encode(title)}</h1>");
        text.AppendLine(title).AppendLine();
        if (firing is null)
        {
            const string Test = "This is a test of the alert e-mail from CLTV Dashboard. Alerts will arrive like this after runs.";
            text.AppendLine(Test);
            html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(Test)}</p>");
        }
        else
        {
            var about = string.Create(CultureInfo.InvariantCulture, $"Run #{firing.RunId}, data up to {firing.ObservationEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–"}.");
            text.AppendLine(about);
            html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(about)}</p>");
            foreach (var line in firing.Details)
            {
                text.AppendLine("- " + line);
            }

            if (firing.Details.Count > 0)
            {
                html.Append("<ul>").AppendJoin("", firing.Details.Select(d => $"<li>{Encode(d)}</li>")).Append("</ul>");
            }

            AppendSegments(firing, text, html);
            AppendCustomers(firing, text, html);
        }

        if (alertsUrl is not null)
        {
            text.AppendLine().AppendLine("Open the Alerts page: " + alertsUrl);
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Encode(alertsUrl)}\">Open the Alerts page</a></p>");
        }

        html.Append("</body></html>");
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    /// <summary>The rule's name for people.</summary>
    /// <param name="rule">The rule.</param>
    public static string RuleName(AlertRuleKind rule) => rule switch
    {
        AlertRuleKind.HighValueAtRisk => "High value at risk",
        AlertRuleKind.Overdue => "Overdue",
        AlertRuleKind.SegmentChange => "Segment change",
        AlertRuleKind.RunProblem => "Run problem",
        _ => rule.ToString(),
    };

    private static void AppendSegments(AlertFiringView firing, StringBuilder text, StringBuilder html)
    {
        if (firing.Segments.Count == 0)
        {
            return;
        }

        html.Append("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\"><tr><th>Segment</th><th>Before</th><th>Now</th><th>Change</th></tr>");
        foreach (var s in firing.Segments)
        {
            var change = (s.ChangePercent ?? 0).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %";
            text.AppendLine(CultureInfo.InvariantCulture, $"- {s.Segment} ({s.Segmentation}): {s.PreviousCustomers} -> {s.Customers} ({change})");
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(s.Segment)} ({Encode(s.Segmentation)})</td><td>{s.PreviousCustomers}</td><td>{s.Customers}</td><td>{change}</td></tr>");
        }

        html.Append("</table>");
    }

    private static void AppendCustomers(AlertFiringView firing, StringBuilder text, StringBuilder html)
    {
        if (firing.Customers.Count == 0)
        {
            return;
        }

        var shown = firing.Customers.Take(CustomersInMail).ToList();
        text.AppendLine().AppendLine("Customer | chance of buying again | predicted CLV | expected next purchase");
        html.Append("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\"><tr><th>Customer</th><th>Chance of buying again</th><th>Predicted CLV</th><th>Expected next purchase</th></tr>");
        foreach (var c in shown)
        {
            var chance = c.PreviousPurchaseProbability is { } before
                ? $"{Percent(c.PurchaseProbability)} (was {Percent(before)})"
                : Percent(c.PurchaseProbability);
            var clv = c.PredictedClv is { } value ? value.ToString("N2", CultureInfo.InvariantCulture) + (firing.Currency is null ? "" : " " + firing.Currency) : "–";
            var next = c.ExpectedNextPurchase?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–";
            if (c.DaysOverdue is { } days)
            {
                next += string.Create(CultureInfo.InvariantCulture, $" ({days} days overdue)");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"{c.ExternalId} | {chance} | {clv} | {next}");
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(c.ExternalId)}</td><td>{Encode(chance)}</td><td>{Encode(clv)}</td><td>{Encode(next)}</td></tr>");
        }

        html.Append("</table>");
        if (firing.CustomerCount > shown.Count)
        {
            var more = string.Create(CultureInfo.InvariantCulture, $"The first {shown.Count} of {firing.CustomerCount} customers are listed; the Alerts page has them all.");
            text.AppendLine(more);
            html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(more)}</p>");
        }
    }

    private static string Percent(double? share) => share is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private sealed record WebhookBodyDto(string Type, long DeliveryId, string? AlertsUrl, WebhookAlertDto? Alert);

    private sealed record WebhookAlertDto(
        long Id,
        AlertRuleKind Rule,
        long RunId,
        DateOnly? DataUpTo,
        string? Currency,
        DateTime FiredAt,
        string Summary,
        IReadOnlyList<string> Details,
        int CustomersTotal,
        IReadOnlyList<WebhookCustomerDto> Customers,
        IReadOnlyList<WebhookSegmentDto> Segments);

    private sealed record WebhookCustomerDto(
        string CustomerId,
        double? PurchaseProbability,
        double? PreviousPurchaseProbability,
        decimal? PredictedClv,
        DateOnly? ExpectedNextPurchase,
        int? DaysOverdue);

    private sealed record WebhookSegmentDto(string Segmentation, string Segment, int Customers, int PreviousCustomers);
}
