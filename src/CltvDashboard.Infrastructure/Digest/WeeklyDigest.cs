using CltvDashboard.Infrastructure.Queries;

namespace CltvDashboard.Infrastructure.Digest;

/// <summary>What one week's digest says: the current run's headline figures and their change, value by segment, the customers most worth winning back, and the week's alerts.</summary>
/// <param name="Run">The run the figures come from.</param>
/// <param name="Context">The dashboards' context of that run (currency, time zone, previous run).</param>
/// <param name="Kpis">The run's headline figures.</param>
/// <param name="Previous">The previous run's of the same dataset, for the changes; null when there is none.</param>
/// <param name="ValueBySegment">Predicted value by RFM segment, largest first.</param>
/// <param name="WinBack">Up to <see cref="DigestComposer.WinBackCount"/> top-tier customers at medium or high churn risk, most valuable first.</param>
/// <param name="WinBackTotal">How many top-tier customers are at medium or high churn risk in all.</param>
/// <param name="Alerts">The alerts that fired in the seven days before the digest, newest first.</param>
public sealed record WeeklyDigest(
    RunHeader Run,
    DashboardContext Context,
    RunKpis Kpis,
    RunKpis? Previous,
    IReadOnlyList<SegmentRow> ValueBySegment,
    IReadOnlyList<CustomerRow> WinBack,
    int WinBackTotal,
    IReadOnlyList<DigestAlert> Alerts)
{
    /// <summary>The formatter of the business's currency and time zone, as the run stored them.</summary>
    public DashboardFormat Format { get; } = DashboardFormat.For(Context);
}

/// <summary>One alert of the week as the digest lists it.</summary>
/// <param name="FiredAtUtc">When it fired.</param>
/// <param name="Title">What fired, in plain words.</param>
/// <param name="Customers">How many customers it named; 0 for a run alert.</param>
public sealed record DigestAlert(DateTime FiredAtUtc, string Title, int Customers);
