using System.Net;
using System.Text;
using CltvDashboard.Domain.Uncertainty;
using CltvDashboard.Infrastructure.Queries;
using MimeKit;
using MimeKit.Utils;

namespace CltvDashboard.Infrastructure.Digest;

/// <summary>Where the digest's links lead: the application's address as users reach it, and this recipient's unsubscribe link.</summary>
/// <param name="AppUrl">The application's absolute address, e.g. https://cltv.example.com.</param>
/// <param name="UnsubscribeUrl">The recipient's own unsubscribe address, which works without signing in.</param>
public sealed record DigestLinks(string AppUrl, string UnsubscribeUrl)
{
    /// <summary>An address inside the application.</summary>
    /// <param name="pathAndQuery">The path, starting with a slash.</param>
    public string To(string pathAndQuery) => AppUrl.TrimEnd('/') + pathAndQuery;

    /// <summary>A customer's page; the query-string form carries every id.</summary>
    /// <param name="externalId">The customer's own id.</param>
    public string Customer(string externalId) => To("/Customer?id=" + Uri.EscapeDataString(externalId));
}

/// <summary>
/// Writes a week's digest as an e-mail: an HTML part whose layout is tables and inline styles (what mail clients
/// render), the value-by-segment picture attached inline, and a plain-text part with the same content for clients and
/// readers without HTML or images. Each recipient's message carries their own unsubscribe link, in the text and in the
/// List-Unsubscribe headers (RFC 2369, and RFC 8058's one-click form) that mail clients offer as a button.
/// </summary>
public static class DigestMail
{
    private const string ChartContentId = "value-by-segment";

    /// <summary>The message for one recipient.</summary>
    /// <param name="digest">The week's content.</param>
    /// <param name="links">The application's and this recipient's addresses.</param>
    /// <param name="sender">The From address.</param>
    /// <param name="recipient">The recipient's address.</param>
    public static MimeMessage Message(WeeklyDigest digest, DigestLinks links, string sender, string recipient)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(links);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(sender));
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = Subject(digest);
        message.Headers.Add("List-Unsubscribe", $"<{links.UnsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        var body = new BodyBuilder { TextBody = Text(digest, links) };
        var chart = body.LinkedResources.Add(ChartContentId + ".png", DigestChart.ValueBySegment(digest.ValueBySegment, digest.Format), new ContentType("image", "png"));
        chart.ContentId = MimeUtils.GenerateMessageId();
        body.HtmlBody = Html(digest, links, "cid:" + chart.ContentId);
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The subject line: the week's one figure an owner would want before opening.</summary>
    /// <param name="digest">The week's content.</param>
    public static string Subject(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var format = digest.Format;
        var atRisk = digest.WinBackTotal == 1 ? "1 high-value customer at risk" : $"{format.Count(digest.WinBackTotal)} high-value customers at risk";
        return $"Your customers this week: {atRisk} · data up to {DashboardFormat.DataUpTo(digest.Run.ObservationEnd)}";
    }

    /// <summary>The HTML part.</summary>
    /// <param name="digest">The week's content.</param>
    /// <param name="links">The application's and the recipient's addresses.</param>
    /// <param name="chartSource">The picture's address: a <c>cid:</c> in the e-mail, a <c>data:</c> address in the preview.</param>
    public static string Html(WeeklyDigest digest, DigestLinks links, string chartSource)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(links);
        var f = digest.Format;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>")
            .Append(E(Subject(digest))).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f4f6f8;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1f2933\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f4f6f8\"><tr><td align=\"center\" style=\"padding:24px 12px\">")
            .Append("<table role=\"presentation\" width=\"640\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:640px;width:100%;background:#ffffff;border-radius:8px\"><tr><td style=\"padding:24px\">");

        html.Append("<h1 style=\"font-size:22px;margin:0 0 4px\">Your customers this week</h1>")
            .Append("<p style=\"margin:0 0 20px;color:#52606d;font-size:14px\">Run #").Append(digest.Run.Id).Append(", data up to ")
            .Append(E(DashboardFormat.DataUpTo(digest.Run.ObservationEnd)))
            .Append(digest.Previous is null ? ". No earlier run of this data to compare with." : ", compared with the run before it.")
            .Append("</p>");

        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;margin-bottom:24px\">");
        foreach (var kpi in Headline(digest))
        {
            html.Append("<tr><td style=\"padding:8px 0;border-bottom:1px solid #e4e7eb;font-size:14px;color:#52606d\">").Append(E(kpi.Label))
                .Append(kpi.Range is null ? "" : "<br><span style=\"font-size:12px\">" + E(kpi.Range) + "</span>")
                .Append("</td><td align=\"right\" style=\"padding:8px 0;border-bottom:1px solid #e4e7eb;font-size:18px;font-weight:600\">").Append(E(kpi.Value))
                .Append("</td><td align=\"right\" style=\"padding:8px 0 8px 12px;border-bottom:1px solid #e4e7eb;font-size:13px;color:")
                .Append(kpi.Change is > 0 ? "#047857" : kpi.Change is < 0 ? "#b91c1c" : "#52606d").Append("\">").Append(E(ChangeText(kpi.Change, f)))
                .Append("</td></tr>");
        }

        html.Append("</table>");

        html.Append("<h2 style=\"font-size:17px;margin:0 0 8px\">Predicted value by segment</h2>")
            .Append("<img src=\"").Append(E(chartSource)).Append("\" width=\"").Append(DigestChart.Width).Append("\" style=\"max-width:100%;height:auto;display:block\" alt=\"")
            .Append(E(ChartAlt(digest))).Append("\">");
        html.Append("<table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;margin:8px 0 24px;font-size:13px\">")
            .Append("<tr><th align=\"left\" style=\"padding:4px 0;border-bottom:1px solid #cbd2d9\">Segment</th><th align=\"right\" style=\"padding:4px 0;border-bottom:1px solid #cbd2d9\">Customers</th><th align=\"right\" style=\"padding:4px 0;border-bottom:1px solid #cbd2d9\">Predicted CLV</th></tr>");
        foreach (var segment in digest.ValueBySegment)
        {
            html.Append("<tr><td style=\"padding:4px 0;border-bottom:1px solid #e4e7eb\">").Append(E(segment.Segment))
                .Append("</td><td align=\"right\" style=\"padding:4px 0;border-bottom:1px solid #e4e7eb\">").Append(E(f.Count(segment.Customers)))
                .Append("</td><td align=\"right\" style=\"padding:4px 0;border-bottom:1px solid #e4e7eb\">").Append(E(f.Money(segment.TotalClv))).Append("</td></tr>");
        }

        html.Append("</table>");

        html.Append("<h2 style=\"font-size:17px;margin:0 0 8px\">Customers to win back</h2>");
        if (digest.WinBack.Count == 0)
        {
            html.Append("<p style=\"font-size:14px;margin:0 0 24px\">No high-value customer is at risk in this run.</p>");
        }
        else
        {
            html.Append("<p style=\"font-size:13px;margin:0 0 8px;color:#52606d\">Your most valuable customers whose churn risk is medium or high, most valuable first: worth a personal word or an offer.</p>")
                .Append("<table id=\"win-back\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;margin-bottom:8px;font-size:13px\">")
                .Append("<tr><th align=\"left\" style=\"padding:4px 0;border-bottom:1px solid #cbd2d9\">Customer</th><th align=\"right\" style=\"padding:4px 0;border-bottom:1px solid #cbd2d9\">Predicted CLV</th><th align=\"right\" style=\"padding:4px 0;border-bottom:1px solid #cbd2d9\">Chance of buying again</th><th align=\"right\" style=\"padding:4px 0;border-bottom:1px solid #cbd2d9\">Last purchase</th></tr>");
            foreach (var customer in digest.WinBack)
            {
                html.Append("<tr><td style=\"padding:4px 0;border-bottom:1px solid #e4e7eb\"><a href=\"").Append(E(links.Customer(customer.ExternalId))).Append("\" style=\"color:#1d4ed8\">")
                    .Append(E(customer.ExternalId)).Append("</a></td><td align=\"right\" style=\"padding:4px 0;border-bottom:1px solid #e4e7eb\">").Append(E(f.Money(customer.PredictedClv)))
                    .Append("</td><td align=\"right\" style=\"padding:4px 0;border-bottom:1px solid #e4e7eb\">").Append(E(f.Percent(customer.PurchaseProbability, 0)))
                    .Append("</td><td align=\"right\" style=\"padding:4px 0;border-bottom:1px solid #e4e7eb\">").Append(E(DashboardFormat.Date(customer.LastPurchase))).Append("</td></tr>");
            }

            html.Append("</table><p style=\"font-size:13px;margin:0 0 24px\"><a href=\"").Append(E(links.To("/Customers?preset=HighValueAtRisk"))).Append("\" style=\"color:#1d4ed8\">")
                .Append(E(WinBackLinkText(digest))).Append("</a></p>");
        }

        html.Append("<h2 style=\"font-size:17px;margin:0 0 8px\">Alerts this week</h2>");
        if (digest.Alerts.Count == 0)
        {
            html.Append("<p style=\"font-size:14px;margin:0 0 24px\">No alert fired in the last seven days.</p>");
        }
        else
        {
            html.Append("<ul style=\"font-size:14px;margin:0 0 8px;padding-left:20px\">");
            foreach (var alert in digest.Alerts)
            {
                html.Append("<li style=\"margin-bottom:4px\">").Append(E(AlertLine(alert, f))).Append("</li>");
            }

            html.Append("</ul><p style=\"font-size:13px;margin:0 0 24px\"><a href=\"").Append(E(links.To("/Alerts"))).Append("\" style=\"color:#1d4ed8\">See the alerts and their customers</a></p>");
        }

        html.Append("<p style=\"margin:0 0 24px\"><a href=\"").Append(E(links.To("/Overview"))).Append("\" style=\"display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px;font-size:14px\">Open the dashboards</a></p>");
        html.Append("<p style=\"font-size:12px;color:#52606d;margin:0\">You receive this weekly digest because you asked for it. ")
            .Append("<a href=\"").Append(E(links.To("/Account/Digest"))).Append("\" style=\"color:#52606d\">Change the day or hour</a> · ")
            .Append("<a href=\"").Append(E(links.UnsubscribeUrl)).Append("\" style=\"color:#52606d\">Unsubscribe</a></p>");
        html.Append("</td></tr></table></td></tr></table></body></html>");
        return html.ToString();
    }

    /// <summary>The plain-text part: the same content, for clients and readers without HTML or images.</summary>
    /// <param name="digest">The week's content.</param>
    /// <param name="links">The application's and the recipient's addresses.</param>
    public static string Text(WeeklyDigest digest, DigestLinks links)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(links);
        var f = digest.Format;
        var text = new StringBuilder();
        text.AppendLine("YOUR CUSTOMERS THIS WEEK")
            .Append("Run #").Append(digest.Run.Id).Append(", data up to ").Append(DashboardFormat.DataUpTo(digest.Run.ObservationEnd))
            .AppendLine(digest.Previous is null ? ". No earlier run of this data to compare with." : ", compared with the run before it.")
            .AppendLine();
        foreach (var kpi in Headline(digest))
        {
            text.Append("- ").Append(kpi.Label).Append(": ").Append(kpi.Value).Append(" (").Append(ChangeText(kpi.Change, f)).Append(')')
                .AppendLine(kpi.Range is null ? "" : "; " + kpi.Range);
        }

        text.AppendLine().AppendLine("PREDICTED VALUE BY SEGMENT");
        foreach (var segment in digest.ValueBySegment)
        {
            text.Append("- ").Append(segment.Segment).Append(": ").Append(f.Money(segment.TotalClv)).Append(", ").Append(f.Count(segment.Customers)).AppendLine(" customers");
        }

        text.AppendLine().AppendLine("CUSTOMERS TO WIN BACK");
        if (digest.WinBack.Count == 0)
        {
            text.AppendLine("No high-value customer is at risk in this run.");
        }
        else
        {
            foreach (var customer in digest.WinBack)
            {
                text.Append("- ").Append(customer.ExternalId).Append(": predicted CLV ").Append(f.Money(customer.PredictedClv))
                    .Append(", chance of buying again ").Append(f.Percent(customer.PurchaseProbability, 0))
                    .Append(", last purchase ").Append(DashboardFormat.Date(customer.LastPurchase))
                    .Append(" <").Append(links.Customer(customer.ExternalId)).AppendLine(">");
            }

            text.Append(WinBackLinkText(digest)).Append(": ").AppendLine(links.To("/Customers?preset=HighValueAtRisk"));
        }

        text.AppendLine().AppendLine("ALERTS THIS WEEK");
        if (digest.Alerts.Count == 0)
        {
            text.AppendLine("No alert fired in the last seven days.");
        }
        else
        {
            foreach (var alert in digest.Alerts)
            {
                text.Append("- ").AppendLine(AlertLine(alert, f));
            }

            text.Append("See the alerts and their customers: ").AppendLine(links.To("/Alerts"));
        }

        text.AppendLine()
            .Append("Open the dashboards: ").AppendLine(links.To("/Overview"))
            .AppendLine()
            .AppendLine("You receive this weekly digest because you asked for it.")
            .Append("Change the day or hour: ").AppendLine(links.To("/Account/Digest"))
            .Append("Unsubscribe: ").AppendLine(links.UnsubscribeUrl);
        return text.ToString();
    }

    private sealed record Kpi(string Label, string Value, double? Change, string? Range);

    private static List<Kpi> Headline(WeeklyDigest digest)
    {
        var f = digest.Format;
        var now = digest.Kpis;
        var before = digest.Previous;
        double? Change(Func<RunKpis, double?> pick) => before is null ? null : DashboardFormat.Change(pick(now), pick(before));
        var horizon = $"next {digest.Context.ForecastHorizonMonths} months";
        var ranges = now.Ranges;
        var meanClv = ranges?.Clv is { } total && ranges.Customers > 0 ? total.Per(ranges.Customers) : (ForecastRange?)null;
        var kpis = new List<Kpi>
        {
            new("Customers", f.Count(now.Customers), Change(k => k.Customers), null),
            new("Active customers", f.Count(now.ActiveCustomers), Change(k => k.ActiveCustomers), null),
            new($"Predicted revenue, {horizon}", f.Money(now.PredictedRevenue), Change(k => (double?)k.PredictedRevenue),
                ranges?.Revenue is { } revenue ? $"80 % range {f.MoneyRange(revenue.Low80, revenue.High80)}" : null),
            new("Mean predicted CLV", f.Money(now.MeanClv), Change(k => (double?)k.MeanClv),
                meanClv is { } clv ? $"80 % range {f.MoneyRange(clv.Low80, clv.High80)}" : null),
            new("Repeat-purchase rate", f.Percent(now.RepeatRate), Change(k => k.RepeatRate), null),
            new("Historical revenue", f.Money(now.HistoricalRevenue), Change(k => (double)k.HistoricalRevenue), null),
        };
        return kpis;
    }

    private static string ChangeText(double? change, DashboardFormat format) =>
        change is { } c ? (c > 0 ? "▲ +" : c < 0 ? "▼ " : "") + format.Percent(c) : "no change to show";

    private static string ChartAlt(WeeklyDigest digest) =>
        "Predicted value by segment: " + string.Join("; ", digest.ValueBySegment.Select(s => $"{s.Segment} {digest.Format.Money(s.TotalClv)}"));

    private static string WinBackLinkText(WeeklyDigest digest) =>
        digest.WinBackTotal > digest.WinBack.Count
            ? $"See all {digest.Format.Count(digest.WinBackTotal)} in the customer list (high value at risk)"
            : "See them in the customer list (high value at risk)";

    private static string AlertLine(DigestAlert alert, DashboardFormat format) =>
        $"{format.DateTime(alert.FiredAtUtc)}: {alert.Title}" + (alert.Customers > 0 ? $" ({format.Count(alert.Customers)} {(alert.Customers == 1 ? "customer" : "customers")})" : "");

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? "");
}
