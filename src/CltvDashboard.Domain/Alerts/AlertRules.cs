using CltvDashboard.Domain.Segmentation;

namespace CltvDashboard.Domain.Alerts;

/// <summary>
/// The alert rules judged after a run, against the previous run of the same dataset. Each per-customer rule names the
/// customers it fires for and those who recovered: a customer stays alerted (open) from the firing until they leave the
/// rule's condition, and is not named again by the same rule meanwhile. Thresholds are the business's own rules
/// (<see cref="ChurnRiskRule"/>, <see cref="ValueTierRule"/>, <see cref="OverdueRule"/>), never redefined here.
/// </summary>
public static class AlertRules
{
    /// <summary>
    /// Top-tier customers whose chance of buying again is below the high churn-risk limit now and was at or above it in
    /// the previous run: the big spenders slipping away since the last look. A customer absent from the previous run, or
    /// without a chance there, has no fall to report.
    /// </summary>
    /// <param name="current">Every customer of the run that fired.</param>
    /// <param name="previous">The previous run's customers by <see cref="AlertCustomer.CustomerId"/>.</param>
    /// <param name="churnRisk">The run's churn-risk bands; one limit judges both runs.</param>
    /// <param name="open">Customers this rule alerted who have not recovered since.</param>
    /// <returns>Those to alert, highest predicted CLV first, and the open ones who recovered (no longer top tier at high risk).</returns>
    public static CustomerRuleOutcome HighValueAtRisk(
        IReadOnlyList<AlertCustomer> current,
        IReadOnlyDictionary<long, AlertCustomer> previous,
        ChurnRiskRule churnRisk,
        IReadOnlySet<long> open)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(churnRisk);
        ArgumentNullException.ThrowIfNull(open);
        bool AtRisk(AlertCustomer c) => c.ValueTier == ValueTierRule.Top && churnRisk.Band(c.PurchaseProbability) == ChurnRiskRule.High;
        bool WasAbove(AlertCustomer c) => previous.TryGetValue(c.CustomerId, out var before)
            && churnRisk.Band(before.PurchaseProbability) is ChurnRiskRule.Medium or ChurnRiskRule.Low;

        var fired = current
            .Where(c => AtRisk(c) && WasAbove(c) && !open.Contains(c.CustomerId))
            .Select(c => new AlertedCustomer(c.CustomerId, c.PurchaseProbability, previous[c.CustomerId].PurchaseProbability, c.PredictedClv, c.ExpectedNextPurchase, DaysOverdue: null));
        var stillAtRisk = current.Where(AtRisk).Select(c => c.CustomerId).ToHashSet();
        return Outcome(fired, open, stillAtRisk);
    }

    /// <summary>
    /// Regular customers whose expected next purchase passed more than <paramref name="moreThanDays"/> days before
    /// <paramref name="judgedOn"/> (<see cref="OverdueRule"/>). Nobody is judged, fired or recovered without a day to
    /// judge on (<see cref="OverdueRule.JudgedOn"/>: data that ended long ago make every regular look overdue).
    /// </summary>
    /// <param name="current">Every customer of the run.</param>
    /// <param name="moreThanDays">Days overdue that must be exceeded, at least 0.</param>
    /// <param name="judgedOn">Today in the business's time zone, or null when overdue cannot be judged on the run's data.</param>
    /// <param name="open">Customers this rule alerted who have not recovered since.</param>
    /// <returns>Those to alert, highest predicted CLV first, and the open ones no longer overdue by that much.</returns>
    public static CustomerRuleOutcome Overdue(IReadOnlyList<AlertCustomer> current, int moreThanDays, DateOnly? judgedOn, IReadOnlySet<long> open)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentOutOfRangeException.ThrowIfNegative(moreThanDays);
        if (judgedOn is not { } today)
        {
            return new CustomerRuleOutcome([], []);
        }

        var overdue = current
            .Select(c => (Customer: c, Days: OverdueRule.DaysOverdue(c.RepeatPurchases, c.ExpectedNextPurchase, today)))
            .Where(o => o.Days > moreThanDays)
            .ToList();
        var fired = overdue
            .Where(o => !open.Contains(o.Customer.CustomerId))
            .Select(o => new AlertedCustomer(o.Customer.CustomerId, o.Customer.PurchaseProbability, null, o.Customer.PredictedClv, o.Customer.ExpectedNextPurchase, o.Days));
        return Outcome(fired, open, overdue.Select(o => o.Customer.CustomerId).ToHashSet());
    }

    /// <summary>
    /// Segments whose number of customers changed by more than <paramref name="morePercent"/> % of the previous run's,
    /// either way. A segment empty in the previous run has no percentage and never fires.
    /// </summary>
    /// <param name="sizes">Each segment's size now and in the previous run.</param>
    /// <param name="morePercent">The change, in percent, that must be exceeded; above 0.</param>
    /// <returns>The segments that fire, largest change first.</returns>
    public static IReadOnlyList<SegmentSize> SegmentChanges(IEnumerable<SegmentSize> sizes, double morePercent)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(morePercent);
        return [.. sizes.Where(s => s.ChangePercent is { } change && Math.Abs(change) > morePercent).OrderByDescending(s => Math.Abs(s.ChangePercent!.Value))];
    }

    /// <summary>Whether a finished run is a problem to report: it failed, or it succeeded with warnings.</summary>
    /// <param name="failed">Whether the run failed.</param>
    /// <param name="warnings">The run's model and data-quality warnings.</param>
    public static bool IsRunProblem(bool failed, IReadOnlyCollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        return failed || warnings.Count > 0;
    }

    private static CustomerRuleOutcome Outcome(IEnumerable<AlertedCustomer> fired, IReadOnlySet<long> open, HashSet<long> inCondition) =>
        new(
            [.. fired.OrderByDescending(c => c.PredictedClv ?? decimal.MinValue).ThenBy(c => c.CustomerId)],
            [.. open.Where(id => !inCondition.Contains(id)).Order()]);
}

/// <summary>What a per-customer rule decided for one run.</summary>
/// <param name="Fired">Customers to alert, in the order to list them.</param>
/// <param name="Recovered">Customers alerted before who left the rule's condition: they may be alerted again later.</param>
public sealed record CustomerRuleOutcome(IReadOnlyList<AlertedCustomer> Fired, IReadOnlyList<long> Recovered);
