namespace CltvDashboard.Domain.Alerts;

/// <summary>
/// How each alert rule is set: on or off, and its one figure. Every rule is on by default, so that a business that
/// never opens the Alerts page still hears of a big spender slipping away or a failed run.
/// </summary>
/// <param name="HighValueAtRisk">Whether <see cref="AlertRuleKind.HighValueAtRisk"/> fires.</param>
/// <param name="Overdue">Whether <see cref="AlertRuleKind.Overdue"/> fires.</param>
/// <param name="OverdueDays">Days a customer must be overdue by, more than this, 0–3650.</param>
/// <param name="SegmentChange">Whether <see cref="AlertRuleKind.SegmentChange"/> fires.</param>
/// <param name="SegmentChangePercent">Change in a segment's customers, in percent of the previous run's, above which it fires, 1–1000.</param>
/// <param name="RunProblem">Whether <see cref="AlertRuleKind.RunProblem"/> fires.</param>
public sealed record AlertRuleSettings(
    bool HighValueAtRisk = true,
    bool Overdue = true,
    int OverdueDays = AlertRuleSettings.DefaultOverdueDays,
    bool SegmentChange = true,
    double SegmentChangePercent = AlertRuleSettings.DefaultSegmentChangePercent,
    bool RunProblem = true)
{
    /// <summary>The default of <see cref="OverdueDays"/>: a month past the expected day.</summary>
    public const int DefaultOverdueDays = 30;

    /// <summary>The default of <see cref="SegmentChangePercent"/>: a fifth more or fewer customers.</summary>
    public const double DefaultSegmentChangePercent = 20;

    /// <summary>The largest <see cref="OverdueDays"/>: ten years.</summary>
    public const int MaxOverdueDays = 3650;

    /// <summary>The largest <see cref="SegmentChangePercent"/>.</summary>
    public const double MaxSegmentChangePercent = 1000;

    /// <summary>The defaults.</summary>
    public static AlertRuleSettings Defaults { get; } = new();

    /// <summary>Whether a rule is on.</summary>
    /// <param name="kind">The rule.</param>
    public bool IsEnabled(AlertRuleKind kind) => kind switch
    {
        AlertRuleKind.HighValueAtRisk => HighValueAtRisk,
        AlertRuleKind.Overdue => Overdue,
        AlertRuleKind.SegmentChange => SegmentChange,
        AlertRuleKind.RunProblem => RunProblem,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown alert rule."),
    };

    /// <summary>What is wrong with these settings, one message per figure out of range; empty when they are usable.</summary>
    public IReadOnlyList<(string Setting, string Message)> Validate()
    {
        var problems = new List<(string, string)>();
        if (OverdueDays is < 0 or > MaxOverdueDays)
        {
            problems.Add((nameof(OverdueDays), $"Days overdue must be between 0 and {MaxOverdueDays}."));
        }

        if (!double.IsFinite(SegmentChangePercent) || SegmentChangePercent < 1 || SegmentChangePercent > MaxSegmentChangePercent)
        {
            problems.Add((nameof(SegmentChangePercent), $"The segment change must be between 1 and {MaxSegmentChangePercent} %."));
        }

        return problems;
    }
}
