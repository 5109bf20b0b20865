using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>One purchase day of a customer.</summary>
/// <param name="OccurredAtUtc">When.</param>
/// <param name="Amount">Net amount (negative for a refund).</param>
/// <param name="Currency">Currency.</param>
/// <param name="OrderReference">The order's reference, when known.</param>
public sealed record PurchaseRow(DateTime OccurredAtUtc, decimal Amount, string Currency, string? OrderReference);

/// <summary>A customer's state in one run, for the segment and P(alive) history.</summary>
/// <param name="RunId">The run.</param>
/// <param name="AsOfUtc">Its as-of instant.</param>
/// <param name="Segment">RFM segment.</param>
/// <param name="ValueTier">Value tier.</param>
/// <param name="ProbabilityAlive">P(alive).</param>
/// <param name="ExpectedPurchases">Expected purchases over the horizon.</param>
/// <param name="PredictedClv">Predicted CLV.</param>
public sealed record CustomerRunState(long RunId, DateTime AsOfUtc, string Segment, string ValueTier, double? ProbabilityAlive, double? ExpectedPurchases, decimal? PredictedClv)
{
    /// <summary>The run's last day of data, in the business's time zone.</summary>
    public DateOnly? ObservationEnd { get; init; }
}

/// <summary>Everything the customer page shows.</summary>
/// <param name="CustomerId">The internal key.</param>
/// <param name="ExternalId">The business's own id.</param>
/// <param name="Current">The customer's metrics in the current run.</param>
/// <param name="Purchases">Purchases, oldest first (at most <see cref="CustomerQueries.MaxPurchasesShown"/>).</param>
/// <param name="TotalPurchases">All purchases stored for the customer.</param>
/// <param name="History">The customer's state in each kept successful run, oldest first.</param>
public sealed record CustomerDetail(
    long CustomerId,
    string ExternalId,
    RunCustomerMetric Current,
    IReadOnlyList<PurchaseRow> Purchases,
    int TotalPurchases,
    IReadOnlyList<CustomerRunState> History)
{
    /// <summary>
    /// P(alive) from the first purchase to the run's observation end with the run's chosen model; null when the run
    /// stored no usable purchase-count model or the customer has more than <see cref="CustomerQueries.MaxPurchasesRead"/> transactions.
    /// </summary>
    public AliveCurve? Curve { get; init; }

    /// <summary>The customer's e-mail address, when an import carried one; personal data, for signed-in users only.</summary>
    public string? Email { get; init; }

    /// <summary>The customer's name, when an import carried one; personal data like <see cref="Email"/>.</summary>
    public string? Name { get; init; }
}
