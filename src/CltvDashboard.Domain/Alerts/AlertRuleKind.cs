namespace CltvDashboard.Domain.Alerts;

/// <summary>The kinds of alert rule judged after every run.</summary>
public enum AlertRuleKind
{
    /// <summary>Top-tier customers whose chance of buying again fell below the high churn-risk limit since the previous run.</summary>
    HighValueAtRisk,

    /// <summary>Regular customers overdue on their expected next purchase by more than a number of days, by predicted CLV.</summary>
    Overdue,

    /// <summary>A segment whose number of customers grew or shrank by more than a percentage since the previous run.</summary>
    SegmentChange,

    /// <summary>A run that failed, or succeeded with warnings.</summary>
    RunProblem,
}
