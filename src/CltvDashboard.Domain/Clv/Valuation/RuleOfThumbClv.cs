using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv.Valuation;

/// <summary>
/// The back-of-the-envelope CLV many owners know: average purchase value × purchases per year × expected lifespan
/// in years − acquisition cost.
/// </summary>
/// <remarks>
/// This is a rule of thumb, not the model's figure. It assumes every customer keeps buying at the historical
/// average rate for the whole lifespan and then stops, so it ignores that customers drop out at different times
/// (which the purchase-count models estimate per customer), ignores discounting of later revenue, values revenue
/// rather than margin, and says nothing about any one customer. Shown next to the model-based CLV of
/// <see cref="CustomerValuation"/> it helps owners relate the two; it must never be presented as the model's estimate.
/// </remarks>
public static class RuleOfThumbClv
{
    private const double DaysPerYear = 365.25;
    private const int DaysPerRetentionYear = 365;

    /// <summary>average purchase value × purchases per year × lifespan − acquisition cost, in currency.</summary>
    /// <param name="averagePurchaseValue">Revenue per purchase occasion, in currency; finite.</param>
    /// <param name="purchasesPerYear">Purchase occasions per customer per year; finite and ≥ 0.</param>
    /// <param name="lifespanYears">Expected customer lifespan in years, given by the user or <see cref="LifespanFromYearlyChurn"/>; finite and ≥ 0.</param>
    /// <param name="acquisitionCost">The cost of acquiring one customer, in currency; finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static double Compute(double averagePurchaseValue, double purchasesPerYear, double lifespanYears, double acquisitionCost)
    {
        if (!double.IsFinite(averagePurchaseValue))
        {
            throw new ArgumentOutOfRangeException(nameof(averagePurchaseValue), averagePurchaseValue, "The average purchase value must be finite.");
        }

        RequireNonNegative(purchasesPerYear, nameof(purchasesPerYear), "The number of purchases per year");
        RequireNonNegative(lifespanYears, nameof(lifespanYears), "The expected lifespan in years");
        RequireNonNegative(acquisitionCost, nameof(acquisitionCost), "The acquisition cost");
        return averagePurchaseValue * purchasesPerYear * lifespanYears - acquisitionCost;
    }

    /// <summary>
    /// The expected lifespan implied by a constant yearly churn rate: 1 / churn years (the mean of a geometric
    /// lifetime). A churn of 0.25 (a quarter of customers lost each year) gives 4 years.
    /// </summary>
    /// <param name="yearlyChurn">The share of customers lost each year; above 0 and at most 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The churn rate is not in (0, 1].</exception>
    public static double LifespanFromYearlyChurn(double yearlyChurn) => yearlyChurn is > 0 and <= 1
        ? 1.0 / yearlyChurn
        : throw new ArgumentOutOfRangeException(
            nameof(yearlyChurn), yearlyChurn, $"The yearly churn rate must be above 0 and at most 1 (0.25 loses a quarter of customers a year), was {yearlyChurn}.");

    /// <summary>
    /// The two historical averages the rule needs, from the customers' calibration-period summaries: average
    /// purchase value = revenue / purchase occasions, and purchases per year = occasions / customers / years
    /// observed, the years running from the earliest first purchase to <paramref name="periodEnd"/> inclusive.
    /// </summary>
    /// <remarks>
    /// Customers acquired late in the period had less time to buy, so when a business grows fast the yearly
    /// frequency comes out lower than that of an established customer: one more way the rule of thumb differs from
    /// the model.
    /// </remarks>
    /// <param name="customers">The customers' summaries (revenue, occasions, first purchase); at least one.</param>
    /// <param name="periodEnd">The last day of the period the summaries cover, usually the calibration end.</param>
    /// <exception cref="ArgumentException">No customers, or the period ends before the first purchase.</exception>
    public static HistoricalAverages Averages(IReadOnlyList<CustomerSummary> customers, DateOnly periodEnd)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.Count == 0)
        {
            throw new ArgumentException("At least one customer is needed to compute historical averages.", nameof(customers));
        }

        var revenue = 0m;
        long occasions = 0;
        var firstPurchase = DateOnly.MaxValue;
        foreach (var customer in customers)
        {
            revenue += customer.Revenue;
            occasions += customer.PurchaseOccasions;
            if (customer.FirstPurchase < firstPurchase)
            {
                firstPurchase = customer.FirstPurchase;
            }
        }

        if (periodEnd < firstPurchase)
        {
            throw new ArgumentException(
                $"The period end {periodEnd:yyyy-MM-dd} is before the earliest first purchase {firstPurchase:yyyy-MM-dd}.", nameof(periodEnd));
        }

        var years = (periodEnd.DayNumber - firstPurchase.DayNumber + 1) / DaysPerYear;
        return new HistoricalAverages(
            (double)(revenue / occasions),
            occasions / (double)customers.Count / years,
            customers.Count,
            occasions,
            revenue,
            years);
    }

    /// <summary>
    /// The yearly retention the data shows: of the customers with a purchase occasion in the year before the last
    /// (days <paramref name="observationEnd"/> − 729 to − 365, or as much of that year as the data covers), the share
    /// with a purchase occasion in the last year (days − 364 to <paramref name="observationEnd"/>).
    /// </summary>
    /// <remarks>
    /// A customer who is still a customer but did not happen to buy in the last year counts as lost, as in the
    /// owners' own sums; the purchase-count models separate the two.
    /// </remarks>
    /// <param name="log">Every transaction; occasions follow <see cref="PurchaseOccasions"/>.</param>
    /// <param name="observationEnd">The last day of data taken into account.</param>
    /// <returns>The counts; <see cref="ObservedRetention.Rate"/> is null when the history is a year or shorter.</returns>
    public static ObservedRetention ObservedYearlyRetention(TransactionLog log, DateOnly observationEnd)
    {
        ArgumentNullException.ThrowIfNull(log);
        var lastYearStart = observationEnd.DayNumber - DaysPerRetentionYear + 1;
        var yearBeforeStart = lastYearStart - DaysPerRetentionYear;
        if (log.FirstDay is not { } firstDay || firstDay.DayNumber >= lastYearStart)
        {
            return new ObservedRetention(0, 0);
        }

        var rows = log.GroupByCustomer();
        int before = 0, retained = 0;
        for (var c = 0; c < rows.Offsets.Length - 1; c++)
        {
            bool boughtBefore = false, boughtLastYear = false;
            var end = rows.Offsets[c + 1];
            for (var i = rows.Offsets[c]; i < end && rows.Days[i] <= observationEnd.DayNumber;)
            {
                var (day, _, isOccasion) = rows.NextDay(ref i, end);
                if (isOccasion)
                {
                    boughtBefore |= day >= yearBeforeStart && day < lastYearStart;
                    boughtLastYear |= day >= lastYearStart;
                }
            }

            before += boughtBefore ? 1 : 0;
            retained += boughtBefore && boughtLastYear ? 1 : 0;
        }

        return new ObservedRetention(before, retained);
    }

    /// <summary>
    /// The expected lifespan in years implied by an observed yearly retention (<see cref="LifespanFromYearlyChurn"/>
    /// of 1 − retention); null when there is no retention to go by or nobody was lost, so that no lifespan follows.
    /// </summary>
    /// <param name="retention">The observed yearly retention.</param>
    public static double? LifespanFromRetention(ObservedRetention retention)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return retention.Rate is { } rate && rate < 1 ? LifespanFromYearlyChurn(1 - rate) : null;
    }

    private static void RequireNonNegative(double value, string name, string description)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{description} must be finite and 0 or more, was {value}.");
        }
    }
}

/// <summary>Historical averages behind <see cref="RuleOfThumbClv"/>, with the totals they come from.</summary>
/// <param name="AveragePurchaseValue">Revenue per purchase occasion, in currency.</param>
/// <param name="PurchasesPerYear">Purchase occasions per customer per year over the observed years.</param>
/// <param name="Customers">Customers counted.</param>
/// <param name="PurchaseOccasions">Purchase occasions counted, first purchases included.</param>
/// <param name="Revenue">Net revenue over the period, refunds deducted.</param>
/// <param name="ObservedYears">Years from the earliest first purchase to the period end, inclusive (days / 365.25).</param>
public sealed record HistoricalAverages(
    double AveragePurchaseValue,
    double PurchasesPerYear,
    int Customers,
    long PurchaseOccasions,
    decimal Revenue,
    double ObservedYears);

/// <summary>Yearly retention as the data shows it (<see cref="RuleOfThumbClv.ObservedYearlyRetention"/>).</summary>
/// <param name="CustomersBefore">Customers with a purchase occasion in the year before the last.</param>
/// <param name="Retained">Of those, the customers with a purchase occasion in the last year.</param>
public sealed record ObservedRetention(int CustomersBefore, int Retained)
{
    /// <summary>Retained over <see cref="CustomersBefore"/>, 0–1; null without such customers.</summary>
    public double? Rate => CustomersBefore > 0 ? (double)Retained / CustomersBefore : null;
}
