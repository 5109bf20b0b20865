namespace CltvDashboard.Infrastructure.Alerts.Delivery;

/// <summary>How alerts are delivered and retried (configuration section <c>Cltv:AlertDelivery</c>).</summary>
public sealed class AlertDeliveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cltv:AlertDelivery";

    /// <summary>Attempts at one delivery before it is left failed, 1–20.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt, in seconds; each later wait is <see cref="BackoffFactor"/> times the one before.</summary>
    public double FirstRetrySeconds { get; set; } = 60;

    /// <summary>Growth of the wait from one retry to the next, at least 1.</summary>
    public double BackoffFactor { get; set; } = 4;

    /// <summary>How long a webhook may take to answer, in seconds.</summary>
    public double WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>The application's address as users reach it (e.g. https://cltv.example.com), for links in e-mails and webhooks; none when empty.</summary>
    public string? AppUrl { get; set; }

    /// <summary>The wait after the failed attempt number <paramref name="attempt"/> (1 for the first).</summary>
    /// <param name="attempt">The attempt that failed, from 1.</param>
    public TimeSpan RetryDelay(int attempt) => TimeSpan.FromSeconds(FirstRetrySeconds * Math.Pow(BackoffFactor, Math.Max(0, attempt - 1)));

    /// <summary>What is wrong with these options; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxAttempts is < 1 or > 20)
        {
            problems.Add("Cltv:AlertDelivery:MaxAttempts must be between 1 and 20.");
        }

        if (!(FirstRetrySeconds >= 0) || !(BackoffFactor >= 1) || !(WebhookTimeoutSeconds > 0))
        {
            problems.Add("Cltv:AlertDelivery needs FirstRetrySeconds of 0 or more, BackoffFactor of 1 or more and WebhookTimeoutSeconds above 0.");
        }

        if (!string.IsNullOrEmpty(AppUrl) && !Uri.TryCreate(AppUrl, UriKind.Absolute, out _))
        {
            problems.Add("Cltv:AlertDelivery:AppUrl must be an absolute address.");
        }

        return problems;
    }
}
