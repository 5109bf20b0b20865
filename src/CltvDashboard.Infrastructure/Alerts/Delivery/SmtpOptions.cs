namespace CltvDashboard.Infrastructure.Alerts.Delivery;

/// <summary>
/// The SMTP server that sends alert e-mails (configuration section <c>Cltv:Smtp</c>). The password is read from
/// configuration only and never shown by a page.
/// </summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cltv:Smtp";

    /// <summary>The server's host name; e-mail is off while it is empty.</summary>
    public string? Host { get; set; }

    /// <summary>The server's port: 587 for STARTTLS, 465 for TLS on connect, 25 for neither.</summary>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is protected.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>The account to sign in with; no sign-in when empty.</summary>
    public string? UserName { get; set; }

    /// <summary>The account's password.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address, e.g. "CLTV Dashboard &lt;alerts@example.com&gt;".</summary>
    public string? Sender { get; set; }

    /// <summary>Whether e-mail can be sent: a host and a sender are set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(Sender);
}

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text; only for a server on the same machine or network.</summary>
    None,

    /// <summary>Upgrade to TLS with STARTTLS, refusing a server that does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
