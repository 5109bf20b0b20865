namespace CltvDashboard.Domain.Cohorts;

/// <summary>
/// One cell of an acquisition-cohort table: a cohort in one month of its life.
/// </summary>
/// <param name="AcquisitionMonth">The cohort: the first day of the month of its customers' first purchase occasion.</param>
/// <param name="MonthsSinceAcquisition">Calendar months since the acquisition month: 0 for the acquisition month itself.</param>
/// <param name="CohortSize">Customers acquired in <paramref name="AcquisitionMonth"/>; at least 1.</param>
/// <param name="ActiveCustomers">Cohort customers with at least one purchase occasion in this month.</param>
/// <param name="Revenue">Net revenue of the cohort in this month, refunds deducted; may be negative.</param>
/// <param name="CumulativeRevenue">Net revenue of the cohort from its acquisition month up to and including this month.</param>
/// <param name="IsPartial">Whether the as-of date falls before the last day of this month, so the month is incomplete.</param>
public sealed record CohortCell(
    DateOnly AcquisitionMonth,
    int MonthsSinceAcquisition,
    int CohortSize,
    int ActiveCustomers,
    decimal Revenue,
    decimal CumulativeRevenue,
    bool IsPartial)
{
    /// <summary>The first day of the calendar month this cell describes.</summary>
    public DateOnly Month => AcquisitionMonth.AddMonths(MonthsSinceAcquisition);

    /// <summary>Active customers as a share of the cohort, 0–1 (multiply by 100 for a percentage); 1 in month 0.</summary>
    public double RetentionRate => (double)ActiveCustomers / CohortSize;

    /// <summary>Cumulative net revenue per acquired customer, in the dataset's currency.</summary>
    public decimal CumulativeRevenuePerCustomer => CumulativeRevenue / CohortSize;
}

/// <summary>One acquisition cohort and its months, from the acquisition month to the as-of month.</summary>
/// <param name="AcquisitionMonth">The first day of the acquisition month.</param>
/// <param name="Size">Customers acquired in that month.</param>
/// <param name="Months">One cell per month since acquisition, 0 first, none after the as-of month.</param>
public sealed record Cohort(DateOnly AcquisitionMonth, int Size, IReadOnlyList<CohortCell> Months);

/// <summary>The result of <see cref="CohortBuilder.Build"/>: the cohorts as of a date and what was left out.</summary>
public sealed class CohortTable
{
    internal CohortTable(
        DateOnly asOf,
        IReadOnlyList<Cohort> cohorts,
        long transactionsRead,
        long transactionsAfterAsOf,
        int customersNotAcquired,
        decimal revenueWithoutCohort)
    {
        AsOf = asOf;
        Cohorts = cohorts;
        TransactionsRead = transactionsRead;
        TransactionsAfterAsOf = transactionsAfterAsOf;
        CustomersNotAcquired = customersNotAcquired;
        RevenueWithoutCohort = revenueWithoutCohort;
        Cells = [.. cohorts.SelectMany(c => c.Months)];
        AcquiredCustomers = cohorts.Sum(c => c.Size);
    }

    /// <summary>The last day taken into account (inclusive).</summary>
    public DateOnly AsOf { get; }

    /// <summary>The cohorts in order of acquisition month; months without acquisitions have no cohort.</summary>
    public IReadOnlyList<Cohort> Cohorts { get; }

    /// <summary>Every cell of every cohort, cohort by cohort, month 0 first: the rows of a cohort heatmap.</summary>
    public IReadOnlyList<CohortCell> Cells { get; }

    /// <summary>Customers in some cohort: the sum of the cohort sizes.</summary>
    public int AcquiredCustomers { get; }

    /// <summary>Every transaction row handed to the builder.</summary>
    public long TransactionsRead { get; }

    /// <summary>Rows dated after the as-of date, ignored.</summary>
    public long TransactionsAfterAsOf { get; }

    /// <summary>
    /// Customers with rows in the log but no purchase occasion on or before the as-of date (refunds or cancelled
    /// orders only, or a first purchase after it): in no cohort.
    /// </summary>
    public int CustomersNotAcquired { get; }

    /// <summary>
    /// Net amount, on or before the as-of date, of the customers in <see cref="CustomersNotAcquired"/>. With the
    /// cells' revenue it adds up to the net amount of every row on or before the as-of date.
    /// </summary>
    public decimal RevenueWithoutCohort { get; }
}
