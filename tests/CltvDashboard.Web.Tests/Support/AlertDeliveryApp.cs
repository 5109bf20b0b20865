using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>The application on SQLite with an SMTP server configured, password included.</summary>
public sealed class AlertDeliveryApp : AppFixture
{
    /// <summary>The configured SMTP password, which no page may show.</summary>
    public const string SmtpPassword = "smtp-Pa55word-never-shown";

    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Cltv:Smtp:Host"] = "mail.example.com",
        ["Cltv:Smtp:Port"] = "587",
        ["Cltv:Smtp:UserName"] = "alerts",
        ["Cltv:Smtp:Password"] = SmtpPassword,
        ["Cltv:Smtp:Sender"] = "CLTV Dashboard <alerts@example.com>",
    };
}
