namespace CltvDashboard.Domain.Alerts;

/// <summary>One customer's figures in one run, as the alert rules read them.</summary>
/// <param name="CustomerId">The store's key of the customer, the same across runs of a dataset.</param>
/// <param name="ValueTier">The customer's value tier in the run (<see cref="Segmentation.ValueTierRule"/>).</param>
/// <param name="RepeatPurchases">x: repeat purchase occasions, the first excluded.</param>
/// <param name="PurchaseProbability">The chance of buying again within the run's window, 0–1; null without a model.</param>
/// <param name="PredictedClv">Predicted CLV in the run's currency; null without a model.</param>
/// <param name="ExpectedNextPurchase">The day of an even chance of the next purchase; null when not expected.</param>
public sealed record AlertCustomer(
    long CustomerId,
    string ValueTier,
    int RepeatPurchases,
    double? PurchaseProbability,
    decimal? PredictedClv,
    DateOnly? ExpectedNextPurchase);

/// <summary>A customer an alert names, with the figures that made it fire.</summary>
/// <param name="CustomerId">The store's key of the customer.</param>
/// <param name="PurchaseProbability">The chance of buying again in the run that fired, 0–1.</param>
/// <param name="PreviousPurchaseProbability">The chance in the previous run; null for rules that do not compare.</param>
/// <param name="PredictedClv">Predicted CLV in the run that fired.</param>
/// <param name="ExpectedNextPurchase">The expected next purchase day in the run that fired.</param>
/// <param name="DaysOverdue">Days past the expected next purchase; null for rules other than overdue.</param>
public sealed record AlertedCustomer(
    long CustomerId,
    double? PurchaseProbability,
    double? PreviousPurchaseProbability,
    decimal? PredictedClv,
    DateOnly? ExpectedNextPurchase,
    int? DaysOverdue);

/// <summary>One segment's size in a run and in the run before it.</summary>
/// <param name="Segmentation">The segmentation's key (<see cref="Segmentation.Segmentations"/>).</param>
/// <param name="Segment">The segment.</param>
/// <param name="Customers">Customers in the segment now.</param>
/// <param name="PreviousCustomers">Customers in it in the previous run of the dataset.</param>
public sealed record SegmentSize(string Segmentation, string Segment, int Customers, int PreviousCustomers)
{
    /// <summary>The change in percent of the previous run's customers; null when the segment was empty then.</summary>
    public double? ChangePercent => PreviousCustomers > 0 ? 100.0 * (Customers - PreviousCustomers) / PreviousCustomers : null;
}
