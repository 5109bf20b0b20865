namespace CltvDashboard.Infrastructure.Queries;

/// <summary>The columns the customer list sorts by.</summary>
public enum CustomerSort
{
    /// <summary>Predicted CLV.</summary>
    PredictedClv,

    /// <summary>P(alive).</summary>
    ProbabilityAlive,

    /// <summary>The chance of buying again within the run's window.</summary>
    PurchaseProbability,

    /// <summary>The expected next purchase day; customers without one come last either way.</summary>
    ExpectedNextPurchase,

    /// <summary>Expected purchases over the horizon.</summary>
    ExpectedPurchases,

    /// <summary>Days since the last purchase.</summary>
    LastPurchase,

    /// <summary>Net revenue to date.</summary>
    Revenue,

    /// <summary>The customer's own id.</summary>
    CustomerId,
}

/// <summary>Ready-made filters of the customer list.</summary>
public enum CustomerPreset
{
    /// <summary>Everybody.</summary>
    None,

    /// <summary>
    /// Top value tier in the high or medium churn-risk band (judged on the chance of buying again), or whose chance of
    /// buying again fell since the previous run.
    /// </summary>
    HighValueAtRisk,

    /// <summary>The RFM segment Champions.</summary>
    Champions,

    /// <summary>Regular customers whose expected next purchase day has passed (<see cref="OverdueRule"/>).</summary>
    Overdue,
}

/// <summary>A request for one page of the customer list.</summary>
/// <param name="Search">Part of the customer's id, or null.</param>
/// <param name="Segment">An RFM segment, or null for all.</param>
/// <param name="Preset">A ready-made filter.</param>
/// <param name="Sort">The sort column.</param>
/// <param name="Descending">Sort direction.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Rows per page, 1–500.</param>
/// <param name="Today">The business's today, which judges who is overdue; null judges nobody overdue.</param>
public sealed record CustomerListRequest(
    string? Search = null,
    string? Segment = null,
    CustomerPreset Preset = CustomerPreset.None,
    CustomerSort Sort = CustomerSort.PredictedClv,
    bool Descending = true,
    int Page = 1,
    int PageSize = 50,
    DateOnly? Today = null)
{
    /// <summary>A value tier (<c>Top</c>, …), or null for all.</summary>
    public string? ValueTier { get; init; }

    /// <summary>A churn-risk band (<c>High</c>, …), or null for all.</summary>
    public string? ChurnRisk { get; init; }
}

/// <summary>One customer's row in the list.</summary>
/// <param name="CustomerId">The internal key.</param>
/// <param name="ExternalId">The business's own id for the customer.</param>
/// <param name="Segment">RFM segment.</param>
/// <param name="ValueTier">Value tier.</param>
/// <param name="ChurnRiskBand">Churn-risk band.</param>
/// <param name="ProbabilityAlive">P(alive).</param>
/// <param name="ExpectedPurchases">Expected purchases over the horizon.</param>
/// <param name="PredictedClv">Predicted CLV.</param>
/// <param name="TotalRevenue">Net revenue to date.</param>
/// <param name="LastPurchase">The day of the last purchase occasion.</param>
/// <param name="PurchaseProbability">The chance of buying again within the run's window of days; null without a model.</param>
/// <param name="ExpectedNextPurchase">The day by which the next purchase has an even chance; null when not expected.</param>
/// <param name="Overdue">A regular customer whose expected next purchase day has passed before today.</param>
public sealed record CustomerRow(
    long CustomerId,
    string ExternalId,
    string Segment,
    string ValueTier,
    string ChurnRiskBand,
    double? ProbabilityAlive,
    double? ExpectedPurchases,
    decimal? PredictedClv,
    decimal TotalRevenue,
    DateOnly? LastPurchase,
    double? PurchaseProbability,
    DateOnly? ExpectedNextPurchase,
    bool Overdue)
{
    /// <summary>The 10 % point of the customer's purchases over the horizon; null when the run computed no ranges.</summary>
    public int? PurchasesLow80 { get; init; }

    /// <summary>The 90 % point of the customer's purchases over the horizon; null when the run computed no ranges.</summary>
    public int? PurchasesHigh80 { get; init; }

    /// <summary>The customer's CLV at <see cref="PurchasesLow80"/> purchases; null without ranges.</summary>
    public decimal? ClvLow80 { get; init; }

    /// <summary>The customer's CLV at <see cref="PurchasesHigh80"/> purchases; null without ranges.</summary>
    public decimal? ClvHigh80 { get; init; }
}

/// <summary>A page of rows and the total behind it.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Items">This page's rows.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Rows per page.</param>
/// <param name="TotalCount">Rows over all pages.</param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    /// <summary>Number of pages, at least 1.</summary>
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

/// <summary>
/// A customer of an audience: a contact list for a marketing tool, only customers with an e-mail address. Personal data:
/// read only by the audience exports and API, which are for contacting people.
/// </summary>
/// <param name="Email">The e-mail address, lower case.</param>
/// <param name="FirstName">The first word of the stored name (<see cref="Import.CustomerContact.Split"/>), or null.</param>
/// <param name="LastName">The rest of the stored name, or null.</param>
/// <param name="Customer">The customer's row in the list, with the run's figures.</param>
public sealed record AudienceMember(string Email, string? FirstName, string? LastName, CustomerRow Customer);
