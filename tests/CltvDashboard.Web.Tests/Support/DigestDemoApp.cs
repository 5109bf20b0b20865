using CltvDashboard.TestSupport;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>The CDNOW demo on Kestrel with a real SMTP server on loopback receiving what the application sends.</summary>
public sealed class DigestDemoApp : DemoApp
{
    /// <summary>The address the digest's links start with.</summary>
    public const string AppUrl = "https://cltv.example.com";

    /// <summary>The mail server.</summary>
    public LoopbackSmtp Smtp { get; } = LoopbackSmtp.Start();

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Cltv:Smtp:Host"] = "127.0.0.1",
        ["Cltv:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cltv:Smtp:Security"] = "None",
        ["Cltv:Smtp:Sender"] = "CLTV Dashboard <digest@example.com>",
        ["Cltv:AlertDelivery:AppUrl"] = AppUrl,
    };

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
