namespace CltvDashboard.Domain.Transactions;

/// <summary>The result of <see cref="CustomerSummaryBuilder.Build"/>: one row per customer and what was left out.</summary>
public sealed class TransactionSummary
{
    internal TransactionSummary(
        IReadOnlyList<CustomerSummary> customers,
        SummaryPeriod period,
        DailyCounts repeatOccasions,
        long transactionsRead,
        long transactionsAfterObservationEnd,
        int customersFirstSeenInHoldout,
        int customersWithoutPurchase,
        decimal revenueWithoutPurchase,
        long refundRows)
    {
        Customers = customers;
        Period = period;
        RepeatOccasions = repeatOccasions;
        TransactionsRead = transactionsRead;
        TransactionsAfterObservationEnd = transactionsAfterObservationEnd;
        CustomersFirstSeenInHoldout = customersFirstSeenInHoldout;
        CustomersWithoutPurchase = customersWithoutPurchase;
        RevenueWithoutPurchase = revenueWithoutPurchase;
        RefundRows = refundRows;
    }

    /// <summary>Customers whose first purchase falls on or before the calibration end, in first-seen order.</summary>
    public IReadOnlyList<CustomerSummary> Customers { get; }

    /// <summary>The calibration and observation ends and the time unit used.</summary>
    public SummaryPeriod Period { get; }

    /// <summary>The time unit of <see cref="CustomerSummary.Recency"/> and <see cref="CustomerSummary.T"/>.</summary>
    public TimeUnit TimeUnit => Period.TimeUnit;

    /// <summary>
    /// Repeat purchase occasions per calendar day, calibration and holdout, of the customers in
    /// <see cref="Customers"/>: the actual side of a tracking chart.
    /// </summary>
    public DailyCounts RepeatOccasions { get; }

    /// <summary>Every transaction row handed to the builder.</summary>
    public long TransactionsRead { get; }

    /// <summary>Rows dated after the observation end, ignored.</summary>
    public long TransactionsAfterObservationEnd { get; }

    /// <summary>Customers whose first purchase is after the calibration end: new in the holdout, not modelled.</summary>
    public int CustomersFirstSeenInHoldout { get; }

    /// <summary>
    /// Customers without a purchase occasion up to the observation end (refunds only, or purchases their same-day
    /// refunds cancel): not modelled.
    /// </summary>
    public int CustomersWithoutPurchase { get; }

    /// <summary>
    /// The net of those customers' rows up to the observation end (zero or negative: their purchases cancelled, their
    /// refunds of other days): still part of the business's net revenue.
    /// </summary>
    public decimal RevenueWithoutPurchase { get; }

    /// <summary>Rows with a negative amount.</summary>
    public long RefundRows { get; }

    /// <summary>The (x, t_x, T) rows of every customer, in the order of <see cref="Customers"/>.</summary>
    public PurchaseHistory[] Histories()
    {
        var histories = new PurchaseHistory[Customers.Count];
        for (var i = 0; i < histories.Length; i++)
        {
            histories[i] = Customers[i].History;
        }

        return histories;
    }
}

/// <summary>
/// The periods of an analysis. The calibration period runs from each customer's first purchase to
/// <see cref="CalibrationEnd"/> inclusive; the holdout from the day after it to <see cref="ObservationEnd"/> inclusive.
/// </summary>
/// <param name="CalibrationEnd">Last day of the calibration period (inclusive).</param>
/// <param name="ObservationEnd">Last day of the data (inclusive); equal to the calibration end when there is no holdout.</param>
/// <param name="TimeUnit">The unit of t_x, T and horizons.</param>
public sealed record SummaryPeriod(DateOnly CalibrationEnd, DateOnly ObservationEnd, TimeUnit TimeUnit)
{
    /// <summary>Whether there is a holdout period after the calibration end.</summary>
    public bool HasHoldout => ObservationEnd > CalibrationEnd;

    /// <summary>Length of the holdout period in <see cref="TimeUnit"/>s (0 without one).</summary>
    public double HoldoutLength => TimeUnit.FromDays(ObservationEnd.DayNumber - CalibrationEnd.DayNumber);

    /// <summary>Throws when the observation end is before the calibration end.</summary>
    public void Validate()
    {
        if (ObservationEnd < CalibrationEnd)
        {
            throw new ArgumentException(
                $"The observation end ({ObservationEnd:yyyy-MM-dd}) is before the calibration end ({CalibrationEnd:yyyy-MM-dd}).");
        }
    }
}

/// <summary>A count per calendar day from <see cref="Start"/> on.</summary>
/// <param name="Start">The day of <c>Counts[0]</c>.</param>
/// <param name="Counts">One count per consecutive day.</param>
public sealed record DailyCounts(DateOnly Start, IReadOnlyList<int> Counts)
{
    /// <summary>The count on <paramref name="day"/>, 0 outside the range.</summary>
    public int On(DateOnly day)
    {
        var index = day.DayNumber - Start.DayNumber;
        return index >= 0 && index < Counts.Count ? Counts[index] : 0;
    }
}
