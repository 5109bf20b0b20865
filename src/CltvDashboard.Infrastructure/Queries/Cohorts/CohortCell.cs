namespace CltvDashboard.Infrastructure.Queries;

/// <summary>One cell of the cohort grid.</summary>
/// <param name="AcquisitionMonth">The cohort: the month of its customers' first purchase.</param>
/// <param name="MonthsSinceAcquisition">Months since that month, 0 for the month itself.</param>
/// <param name="CohortSize">Customers in the cohort.</param>
/// <param name="ActiveCustomers">Cohort customers who bought in this month.</param>
/// <param name="Revenue">Their revenue in this month.</param>
/// <param name="CumulativeRevenue">The cohort's revenue up to and including this month.</param>
/// <param name="IsPartial">Whether the month was still running at the as-of date.</param>
public sealed record CohortCell(DateOnly AcquisitionMonth, int MonthsSinceAcquisition, int CohortSize, int ActiveCustomers, decimal Revenue, decimal CumulativeRevenue, bool IsPartial)
{
    /// <summary>Share of the cohort that bought in this month, 0–1.</summary>
    public double Retention => CohortSize == 0 ? 0 : (double)ActiveCustomers / CohortSize;

    /// <summary>Cumulative revenue per customer of the cohort.</summary>
    public decimal CumulativeRevenuePerCustomer => CohortSize == 0 ? 0 : CumulativeRevenue / CohortSize;
}
