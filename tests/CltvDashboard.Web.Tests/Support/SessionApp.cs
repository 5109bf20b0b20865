namespace CltvDashboard.Web.Tests.Support;

/// <summary>The application with page reads relying on a session check for up to 30 s, the longest the setting allows but one.</summary>
public abstract class SessionApp : AppFixture
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string> { ["Cltv:SessionCheckSeconds"] = "30" };
}
