using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Cohorts;

/// <summary>
/// Builds acquisition-month cohorts from a transaction log, streaming: rows are added one at a time in any order
/// and kept as compact columns (about 24 bytes a row; <see cref="Build"/> needs as much again while it runs).
/// </summary>
/// <remarks>
/// <para>
/// Occasions follow the same rule as <see cref="CustomerSummaryBuilder"/> (both net a customer's days through
/// <see cref="TransactionLog"/>), so that a cohort's customers are the
/// customers whose <see cref="CustomerSummary.FirstPurchase"/> falls in its month: an occasion is a customer-day
/// with at least one row of amount ≥ 0 whose rows, refunds included, net to more than zero, or a day without
/// refunds at all (a zero-amount purchase is an occasion). A day whose same-day refunds cancel its purchases is
/// not an occasion.
/// </para>
/// <para>
/// Revenue is every row's amount, refunds included, in the month of its day. Rows of an acquired customer dated
/// before the acquisition day (refunds or cancelled orders, never occasions) are booked in month 0, so that a
/// cohort's revenue is its customers' net revenue, as <see cref="CustomerSummary.Revenue"/> counts it.
/// </para>
/// </remarks>
public sealed class CohortBuilder
{
    /// <summary>Creates a builder with its own log; <paramref name="expectedRows"/> sizes its buffers up front.</summary>
    public CohortBuilder(int expectedRows = 1024)
        : this(new TransactionLog(expectedRows))
    {
    }

    /// <summary>Creates a builder over a log that other analyses may share.</summary>
    public CohortBuilder(TransactionLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        Log = log;
    }

    /// <summary>The rows added so far.</summary>
    public TransactionLog Log { get; }

    /// <summary>Rows added so far.</summary>
    public int Count => Log.Count;

    /// <summary>Distinct customers seen so far.</summary>
    public int CustomerCount => Log.CustomerCount;

    /// <summary>The earliest day seen, or null before the first row.</summary>
    public DateOnly? FirstDay => Log.FirstDay;

    /// <summary>The latest day seen, or null before the first row; the natural as-of date of a complete log.</summary>
    public DateOnly? LastDay => Log.LastDay;

    /// <summary>Adds one transaction; its day is the calendar day of its timestamp.</summary>
    public void Add(Transaction transaction) => Log.Add(transaction);

    /// <summary>Adds one transaction row.</summary>
    /// <param name="customerId">The customer's identifier, compared ordinally; not empty.</param>
    /// <param name="day">The calendar day of the transaction.</param>
    /// <param name="amount">The amount in the dataset's currency; negative for a refund.</param>
    public void Add(string customerId, DateOnly day, decimal amount) => Log.Add(customerId, day, amount);

    /// <summary>Adds one transaction row without allocating a string for a customer already seen.</summary>
    /// <param name="customerId">The customer's identifier, compared ordinally; not empty.</param>
    /// <param name="day">The calendar day of the transaction.</param>
    /// <param name="amount">The amount in the dataset's currency; negative for a refund.</param>
    public void Add(ReadOnlySpan<char> customerId, DateOnly day, decimal amount) => Log.Add(customerId, day, amount);

    /// <summary>The cohorts of every customer acquired on or before <paramref name="asOf"/>, up to its month.</summary>
    /// <param name="asOf">The last day taken into account (inclusive); later rows are ignored and later months not produced.</param>
    public CohortTable Build(DateOnly asOf) =>
        BuildGroups(asOf, static _ => string.Empty).GetValueOrDefault(string.Empty) ?? Empty(asOf);

    /// <summary>
    /// The cohorts of each group of customers (an acquisition channel, for example), each built exactly as
    /// <see cref="Build"/> builds them for everybody, in one pass over the log: when every customer is in a group,
    /// the groups' cells add up to the cells of <see cref="Build"/> month by month.
    /// </summary>
    /// <param name="asOf">The last day taken into account (inclusive); later rows are ignored and later months not produced.</param>
    /// <param name="groupOf">A customer's group, from the customer's identifier; null leaves the customer out of every table.</param>
    /// <returns>One table per group that has a customer in the log, keyed by the group (compared ordinally).</returns>
    public IReadOnlyDictionary<string, CohortTable> BuildByGroup(DateOnly asOf, Func<string, string?> groupOf)
    {
        ArgumentNullException.ThrowIfNull(groupOf);
        return BuildGroups(asOf, groupOf);
    }

    private Dictionary<string, CohortTable> BuildGroups(DateOnly asOf, Func<string, string?> groupOf)
    {
        var lastDay = asOf.DayNumber;
        var asOfMonth = MonthIndex(lastDay);
        var asOfMonthIsPartial = asOf.Day < DateTime.DaysInMonth(asOf.Year, asOf.Month);
        var rows = Log.GroupByCustomer();
        var (offsets, days, amounts) = (rows.Offsets, rows.Days, rows.Amounts);
        var groups = new Dictionary<string, GroupAccumulator>(StringComparer.Ordinal);

        for (var c = 0; c < Log.CustomerCount; c++)
        {
            if (groupOf(Log.CustomerId(c)) is not { } name)
            {
                continue;
            }

            if (!groups.TryGetValue(name, out var group))
            {
                group = new GroupAccumulator();
                groups.Add(name, group);
            }

            var start = offsets[c];
            var end = offsets[c + 1];
            var last = start;
            while (last < end && days[last] <= lastDay)
            {
                last++;
            }

            group.Rows += end - start;
            group.AfterAsOf += end - last;
            var acquisition = FirstOccasion(rows, start, last);
            if (acquisition < 0)
            {
                group.NotAcquired++;
                for (var row = start; row < last; row++)
                {
                    group.RevenueWithoutCohort += amounts[row];
                }

                continue;
            }

            var cohortMonth = MonthIndex(acquisition);
            if (!group.Cohorts.TryGetValue(cohortMonth, out var cohort))
            {
                cohort = new CohortAccumulator(asOfMonth - cohortMonth + 1);
                group.Cohorts.Add(cohortMonth, cohort);
            }

            cohort.Size++;
            var lastActiveMonth = -1;
            var i = start;
            while (i < last)
            {
                var (day, net, isOccasion) = rows.NextDay(ref i, last);
                var month = Math.Max(0, MonthIndex(day) - cohortMonth);
                cohort.Revenue[month] += net;
                if (isOccasion && month != lastActiveMonth)
                {
                    cohort.Active[month]++;
                    lastActiveMonth = month;
                }
            }
        }

        return groups.ToDictionary(
            g => g.Key,
            g => new CohortTable(asOf, Cohorts(g.Value.Cohorts, asOfMonth, asOfMonthIsPartial), g.Value.Rows, g.Value.AfterAsOf, g.Value.NotAcquired, g.Value.RevenueWithoutCohort),
            StringComparer.Ordinal);
    }

    private static List<Cohort> Cohorts(Dictionary<int, CohortAccumulator> accumulators, int asOfMonth, bool asOfMonthIsPartial)
    {
        var cohorts = new List<Cohort>(accumulators.Count);
        foreach (var (cohortMonth, accumulator) in accumulators.OrderBy(pair => pair.Key))
        {
            var acquisitionMonth = FirstDayOf(cohortMonth);
            var cells = new CohortCell[accumulator.Active.Length];
            var cumulative = 0m;
            for (var k = 0; k < cells.Length; k++)
            {
                cumulative += accumulator.Revenue[k];
                cells[k] = new CohortCell(
                    acquisitionMonth,
                    k,
                    accumulator.Size,
                    accumulator.Active[k],
                    accumulator.Revenue[k],
                    cumulative,
                    asOfMonthIsPartial && cohortMonth + k == asOfMonth);
            }

            cohorts.Add(new Cohort(acquisitionMonth, accumulator.Size, cells));
        }

        return cohorts;
    }

    private static CohortTable Empty(DateOnly asOf) => new(asOf, [], 0, 0, 0, 0m);

    private static int FirstOccasion(CustomerRows rows, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            var (day, _, isOccasion) = rows.NextDay(ref i, end);
            if (isOccasion)
            {
                return day;
            }
        }

        return -1;
    }

    private static int MonthIndex(int dayNumber)
    {
        var day = DateOnly.FromDayNumber(dayNumber);
        return (day.Year * 12) + day.Month - 1;
    }

    private static DateOnly FirstDayOf(int monthIndex) => new(monthIndex / 12, (monthIndex % 12) + 1, 1);

    private sealed class GroupAccumulator
    {
        public Dictionary<int, CohortAccumulator> Cohorts { get; } = [];

        public long Rows { get; set; }

        public long AfterAsOf { get; set; }

        public int NotAcquired { get; set; }

        public decimal RevenueWithoutCohort { get; set; }
    }

    private sealed class CohortAccumulator(int months)
    {
        public int Size { get; set; }

        public int[] Active { get; } = new int[months];

        public decimal[] Revenue { get; } = new decimal[months];
    }
}
