using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CltvDashboard.Infrastructure.Alerts.Delivery;

/// <summary>
/// The signature of a webhook delivery: HMAC-SHA256, keyed with the webhook's secret, over the UTF-8 bytes of
/// <c>timestamp + "." + body</c>, sent as <c>X-Cltv-Signature: sha256=&lt;lower-case hex&gt;</c> beside
/// <c>X-Cltv-Timestamp: &lt;Unix seconds&gt;</c>. Signing the timestamp with the body lets a receiver refuse a replayed
/// request by its age.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header carrying the Unix time of the request, in seconds.</summary>
    public const string TimestampHeader = "X-Cltv-Timestamp";

    /// <summary>The header carrying the signature.</summary>
    public const string SignatureHeader = "X-Cltv-Signature";

    /// <summary>What every secret starts with.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>A new random secret: <see cref="SecretPrefix"/> and 43 characters (32 random bytes, base64url).</summary>
    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The value of <see cref="SignatureHeader"/>.</summary>
    /// <param name="secret">The webhook's secret.</param>
    /// <param name="timestamp">The value of <see cref="TimestampHeader"/>.</param>
    /// <param name="body">The request body as sent.</param>
    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Whether a webhook address may be used: HTTPS anywhere, HTTP only to this machine (development, tests).</summary>
    /// <param name="url">The address.</param>
    public static bool IsAllowedUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
