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
