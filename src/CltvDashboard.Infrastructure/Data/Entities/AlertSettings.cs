using CltvDashboard.Domain.Alerts;

namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>
/// The alert rules as the business set them: a single row (<see cref="SingletonId"/>); while it is missing the
/// Domain's defaults apply (<see cref="AlertRuleSettings.Defaults"/>: every rule on).
/// </summary>
public class AlertSettings
{
    /// <summary>The key of the only row.</summary>
    public const int SingletonId = 1;

    /// <summary>Always <see cref="SingletonId"/>.</summary>
    public int Id { get; set; } = SingletonId;

    /// <summary>See <see cref="AlertRuleSettings.HighValueAtRisk"/>.</summary>
    public bool HighValueAtRisk { get; set; } = true;

    /// <summary>See <see cref="AlertRuleSettings.Overdue"/>.</summary>
    public bool Overdue { get; set; } = true;

    /// <summary>See <see cref="AlertRuleSettings.OverdueDays"/>.</summary>
    public int OverdueDays { get; set; } = AlertRuleSettings.DefaultOverdueDays;

    /// <summary>See <see cref="AlertRuleSettings.SegmentChange"/>.</summary>
    public bool SegmentChange { get; set; } = true;

    /// <summary>See <see cref="AlertRuleSettings.SegmentChangePercent"/>.</summary>
    public double SegmentChangePercent { get; set; } = AlertRuleSettings.DefaultSegmentChangePercent;

    /// <summary>See <see cref="AlertRuleSettings.RunProblem"/>.</summary>
    public bool RunProblem { get; set; } = true;

    /// <summary>The typed settings the rules read.</summary>
    public AlertRuleSettings ToRules() => new(HighValueAtRisk, Overdue, OverdueDays, SegmentChange, SegmentChangePercent, RunProblem);

    /// <summary>Takes over every figure of <paramref name="rules"/>.</summary>
    /// <param name="rules">Settings already validated.</param>
    public void Apply(AlertRuleSettings rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        HighValueAtRisk = rules.HighValueAtRisk;
        Overdue = rules.Overdue;
        OverdueDays = rules.OverdueDays;
        SegmentChange = rules.SegmentChange;
        SegmentChangePercent = rules.SegmentChangePercent;
        RunProblem = rules.RunProblem;
    }
}
