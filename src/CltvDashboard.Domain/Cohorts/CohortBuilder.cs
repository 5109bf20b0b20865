using System.Runtime.InteropServices;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Cohorts;

/// <summary>
/// Builds acquisition-month cohorts from a transaction log, streaming: rows are added one at a time in any order
/// and kept as compact columns (about 24 bytes a row; <see cref="Build"/> needs as much again while it runs).
/// </summary>
/// <remarks>
/// <para>
/// Occasions follow <see cref="CustomerSummaryBuilder"/> exactly, so that a cohort's customers are the
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
    private readonly Dictionary<string, int> _indexById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _indexBySpan;
    private int _customerCount;
    private int[] _customer;
    private int[] _day;
    private decimal[] _amount;
    private int _count;

    /// <summary>Creates a builder; <paramref name="expectedRows"/> sizes its buffers up front.</summary>
    public CohortBuilder(int expectedRows = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedRows);
        var capacity = Math.Max(expectedRows, 16);
        _customer = new int[capacity];
        _day = new int[capacity];
        _amount = new decimal[capacity];
        _indexBySpan = _indexById.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Rows added so far.</summary>
    public int Count => _count;

    /// <summary>Distinct customers seen so far.</summary>
    public int CustomerCount => _customerCount;

    /// <summary>The earliest day seen, or null before the first row.</summary>
    public DateOnly? FirstDay { get; private set; }

    /// <summary>The latest day seen, or null before the first row; the natural as-of date of a complete log.</summary>
    public DateOnly? LastDay { get; private set; }

    /// <summary>Adds one transaction; its day is the calendar day of its timestamp.</summary>
    public void Add(Transaction transaction) =>
        Add(transaction.CustomerId, DateOnly.FromDateTime(transaction.Timestamp), transaction.Amount);

    /// <summary>Adds one transaction row.</summary>
    /// <param name="customerId">The customer's identifier, compared ordinally; not empty.</param>
    /// <param name="day">The calendar day of the transaction.</param>
    /// <param name="amount">The amount in the dataset's currency; negative for a refund.</param>
    public void Add(string customerId, DateOnly day, decimal amount)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_indexById, customerId, out var exists);
        if (!exists)
        {
            index = _customerCount++;
        }

        Append(index, day, amount);
    }

    /// <summary>Adds one transaction row without allocating a string for a customer already seen.</summary>
    /// <param name="customerId">The customer's identifier, compared ordinally; not empty.</param>
    /// <param name="day">The calendar day of the transaction.</param>
    /// <param name="amount">The amount in the dataset's currency; negative for a refund.</param>
    public void Add(ReadOnlySpan<char> customerId, DateOnly day, decimal amount)
    {
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("A customer identifier is required.", nameof(customerId));
        }

        if (!_indexBySpan.TryGetValue(customerId, out var index))
        {
            index = _customerCount++;
            _indexById.Add(customerId.ToString(), index);
        }

        Append(index, day, amount);
    }

    private void Append(int customer, DateOnly day, decimal amount)
    {
        if (_count == _customer.Length)
        {
            var capacity = (int)Math.Min(Array.MaxLength, (long)_count * 2);
            Array.Resize(ref _customer, capacity);
            Array.Resize(ref _day, capacity);
            Array.Resize(ref _amount, capacity);
        }

        _customer[_count] = customer;
        _day[_count] = day.DayNumber;
        _amount[_count] = amount;
        _count++;

        if (LastDay is null || day > LastDay)
        {
            LastDay = day;
        }

        if (FirstDay is null || day < FirstDay)
        {
            FirstDay = day;
        }
    }

    /// <summary>The cohorts of every customer acquired on or before <paramref name="asOf"/>, up to its month.</summary>
    /// <param name="asOf">The last day taken into account (inclusive); later rows are ignored and later months not produced.</param>
    public CohortTable Build(DateOnly asOf)
    {
        var lastDay = asOf.DayNumber;
        var asOfMonth = MonthIndex(lastDay);
        var asOfMonthIsPartial = asOf.Day < DateTime.DaysInMonth(asOf.Year, asOf.Month);
        var (offsets, days, amounts) = GroupByCustomer();

        var accumulators = new Dictionary<int, CohortAccumulator>();
        long afterAsOf = 0;
        var notAcquired = 0;
        var revenueWithoutCohort = 0m;

        for (var c = 0; c < _customerCount; c++)
        {
            var start = offsets[c];
            var end = offsets[c + 1];
            var last = start;
            while (last < end && days[last] <= lastDay)
            {
                last++;
            }

            afterAsOf += end - last;
            var acquisition = FirstOccasion(days, amounts, start, last);
            if (acquisition < 0)
            {
                notAcquired++;
                for (var row = start; row < last; row++)
                {
                    revenueWithoutCohort += amounts[row];
                }

                continue;
            }

            var cohortMonth = MonthIndex(acquisition);
            if (!accumulators.TryGetValue(cohortMonth, out var cohort))
            {
                cohort = new CohortAccumulator(asOfMonth - cohortMonth + 1);
                accumulators.Add(cohortMonth, cohort);
            }

            cohort.Size++;
            var lastActiveMonth = -1;
            var i = start;
            while (i < last)
            {
                var day = days[i];
                var (net, isOccasion) = NetDay(days, amounts, ref i, last);
                var month = Math.Max(0, MonthIndex(day) - cohortMonth);
                cohort.Revenue[month] += net;
                if (isOccasion && month != lastActiveMonth)
                {
                    cohort.Active[month]++;
                    lastActiveMonth = month;
                }
            }
        }

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

        return new CohortTable(asOf, cohorts, _count, afterAsOf, notAcquired, revenueWithoutCohort);
    }

    // The occasion rule of CustomerSummaryBuilder.Build: purchases on a day count unless that day's refunds
    // cancel them (net ≤ 0); a day of refunds alone refunds an earlier order and is never an occasion.
    private static (decimal Net, bool IsOccasion) NetDay(int[] days, decimal[] amounts, ref int i, int end)
    {
        var day = days[i];
        var net = 0m;
        var hasPurchase = false;
        var hasRefund = false;
        for (; i < end && days[i] == day; i++)
        {
            net += amounts[i];
            hasPurchase |= amounts[i] >= 0;
            hasRefund |= amounts[i] < 0;
        }

        return (net, hasPurchase && (!hasRefund || net > 0));
    }

    private static int FirstOccasion(int[] days, decimal[] amounts, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            var day = days[i];
            if (NetDay(days, amounts, ref i, end).IsOccasion)
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

    // A counting sort by customer keeps each customer's rows contiguous in O(n); within a customer the rows are
    // sorted by day only when the log was not already in date order.
    private (int[] Offsets, int[] Days, decimal[] Amounts) GroupByCustomer()
    {
        var offsets = new int[_customerCount + 1];
        for (var i = 0; i < _count; i++)
        {
            offsets[_customer[i] + 1]++;
        }

        for (var c = 0; c < _customerCount; c++)
        {
            offsets[c + 1] += offsets[c];
        }

        var cursor = offsets.AsSpan(0, _customerCount).ToArray();
        var days = new int[_count];
        var amounts = new decimal[_count];
        for (var i = 0; i < _count; i++)
        {
            var position = cursor[_customer[i]]++;
            days[position] = _day[i];
            amounts[position] = _amount[i];
        }

        for (var c = 0; c < _customerCount; c++)
        {
            var start = offsets[c];
            var length = offsets[c + 1] - start;
            if (!days.AsSpan(start, length).IsSortedAscending())
            {
                Array.Sort(days, amounts, start, length);
            }
        }

        return (offsets, days, amounts);
    }

    private sealed class CohortAccumulator(int months)
    {
        public int Size { get; set; }

        public int[] Active { get; } = new int[months];

        public decimal[] Revenue { get; } = new decimal[months];
    }
}
