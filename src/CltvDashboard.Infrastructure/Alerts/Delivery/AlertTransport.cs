using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CltvDashboard.Infrastructure.Alerts.Delivery;

/// <summary>Sends one webhook request or one e-mail; one per process, holding the webhooks' HTTP connections.</summary>
public sealed class AlertTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the transport.</summary>
    /// <param name="options">The delivery options (the webhooks' timeout).</param>
    /// <param name="timeProvider">The clock of the signatures' timestamps.</param>
    public AlertTransport(IOptions<AlertDeliveryOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        // Redirects are not followed: a signed body must go where the Admin said, not where an answer points.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds) };
    }

    /// <summary>Posts a signed JSON body; the outcome is "HTTP 200" and the like.</summary>
    /// <param name="url">An address <see cref="WebhookSignature.IsAllowedUrl"/> admits.</param>
    /// <param name="secret">The webhook's secret.</param>
    /// <param name="body">The JSON body.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>Whether the webhook took it (a 2xx answer) and the answer's status.</returns>
    public async Task<(bool Succeeded, string Outcome)> PostWebhookAsync(string url, string secret, string body, CancellationToken cancellationToken)
    {
        if (!WebhookSignature.IsAllowedUrl(url))
        {
            return (false, "The address is neither HTTPS nor HTTP to this machine.");
        }

        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("CltvDashboard", "1"));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return (response.IsSuccessStatusCode, string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}"));
    }

    /// <summary>Sends an e-mail through the configured server.</summary>
    /// <param name="smtp">The server.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Stops the sending.</param>
    /// <returns>The server's answer to the message.</returns>
    public static async Task<string> SendMailAsync(SmtpOptions smtp, MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        using var client = new SmtpClient();
        var security = smtp.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("No SMTP host is configured."), smtp.Port, security, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken).ConfigureAwait(false);
        }

        var answer = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        return "SMTP: " + answer;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
