using System.Runtime.InteropServices;

namespace CltvDashboard.Domain.Transactions;

/// <summary>
/// Reduces a transaction log to one <see cref="CustomerSummary"/> per customer, streaming: rows are added one
/// at a time in any order and kept as compact columns, so a log of millions of rows costs about 24 bytes a row.
/// </summary>
/// <remarks>
/// <para>
/// A purchase occasion is a customer-day, as in Fader, Hardie &amp; Lee (2005) and <c>lifetimes</c> with
/// <c>freq='D'</c>: all of a customer's rows on one calendar day are netted into one occasion.
/// </para>
/// <para>
/// Zero and negative amounts. A zero amount is a real purchase (a free or fully discounted order) and makes
/// its day an occasion worth 0; CDNOW has such rows and the published summaries count them. A negative amount
/// is a refund. Netted into its day, it either leaves a positive value (a partial refund: the occasion is
/// worth the net) or cancels the day's purchases (net ≤ 0: an order placed and cancelled, which is not an
/// occasion). A refund on a day without purchases refunds an earlier order the log cannot point to: it
/// lowers the customer's revenue but neither an occasion count nor the mean occasion value used by the
/// spend model, which describes what customers pay when they buy.
/// </para>
/// </remarks>
public sealed class CustomerSummaryBuilder
{
    private readonly Dictionary<string, int> _indexById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _indexBySpan;
    private readonly List<string> _ids = [];
    private int[] _customer;
    private int[] _day;
    private decimal[] _amount;
    private int _count;
    private long _refundRows;

    /// <summary>Creates a builder; <paramref name="expectedRows"/> sizes its buffers up front.</summary>
    public CustomerSummaryBuilder(int expectedRows = 1024)
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
    public int CustomerCount => _ids.Count;

    /// <summary>The latest day seen, or null before the first row; the natural observation end of a log.</summary>
    public DateOnly? LastDay { get; private set; }

    /// <summary>The earliest day seen, or null before the first row.</summary>
    public DateOnly? FirstDay { get; private set; }

    /// <summary>Adds one transaction; its day is the calendar day of its timestamp.</summary>
    public void Add(Transaction transaction) =>
        Add(transaction.CustomerId, DateOnly.FromDateTime(transaction.Timestamp), transaction.Amount);

    /// <summary>Adds one transaction row.</summary>
    public void Add(string customerId, DateOnly day, decimal amount)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_indexById, customerId, out var exists);
        if (!exists)
        {
            index = _ids.Count;
            _ids.Add(customerId);
        }

        Append(index, day, amount);
    }

    /// <summary>Adds one transaction row without allocating a string for a customer already seen.</summary>
    public void Add(ReadOnlySpan<char> customerId, DateOnly day, decimal amount)
    {
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("A customer identifier is required.", nameof(customerId));
        }

        if (!_indexBySpan.TryGetValue(customerId, out var index))
        {
            var id = customerId.ToString();
            index = _ids.Count;
            _indexById.Add(id, index);
            _ids.Add(id);
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
        if (amount < 0)
        {
            _refundRows++;
        }

        if (LastDay is null || day > LastDay)
        {
            LastDay = day;
        }

        if (FirstDay is null || day < FirstDay)
        {
            FirstDay = day;
        }
    }

    /// <summary>Summarises every customer for the given periods.</summary>
    /// <exception cref="ArgumentException">The observation end is before the calibration end.</exception>
    public TransactionSummary Build(SummaryPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        period.Validate();

        var customerCount = _ids.Count;
        var (offsets, days, amounts) = GroupByCustomer(customerCount);
        var calibrationEnd = period.CalibrationEnd.DayNumber;
        var observationEnd = period.ObservationEnd.DayNumber;
        var daysPerUnit = period.TimeUnit.DaysPer();

        var customers = new List<CustomerSummary>(customerCount);
        var firstDay = FirstDay?.DayNumber ?? calibrationEnd;
        var repeatsByDay = new int[Math.Max(0, observationEnd - firstDay + 1)];
        long afterObservationEnd = 0;
        var firstSeenInHoldout = 0;
        var withoutPurchase = 0;

        for (var c = 0; c < customerCount; c++)
        {
            var start = offsets[c];
            var end = offsets[c + 1];
            var first = -1;
            var last = -1;
            var calibrationOccasions = 0;
            var repeatValue = 0m;
            var revenue = 0m;
            var holdoutOccasions = 0;
            var holdoutRevenue = 0m;

            var i = start;
            while (i < end)
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

                if (day > observationEnd)
                {
                    continue;
                }

                var isOccasion = hasPurchase && (!hasRefund || net > 0);
                if (day <= calibrationEnd)
                {
                    revenue += net;
                    if (isOccasion)
                    {
                        if (first < 0)
                        {
                            first = day;
                        }
                        else
                        {
                            repeatValue += net;
                            repeatsByDay[day - firstDay]++;
                        }

                        last = day;
                        calibrationOccasions++;
                    }
                }
                else
                {
                    holdoutRevenue += net;
                    if (isOccasion)
                    {
                        if (first < 0)
                        {
                            first = day;
                        }
                        else if (first <= calibrationEnd)
                        {
                            repeatsByDay[day - firstDay]++;
                        }

                        holdoutOccasions++;
                    }
                }
            }

            for (var j = start; j < end; j++)
            {
                if (days[j] > observationEnd)
                {
                    afterObservationEnd++;
                }
            }

            if (first < 0)
            {
                withoutPurchase++;
                continue;
            }

            if (first > calibrationEnd)
            {
                firstSeenInHoldout++;
                continue;
            }

            var frequency = calibrationOccasions - 1;
            customers.Add(new CustomerSummary(
                _ids[c],
                DateOnly.FromDayNumber(first),
                DateOnly.FromDayNumber(last),
                frequency,
                (last - first) / daysPerUnit,
                (calibrationEnd - first) / daysPerUnit,
                frequency > 0 ? (double)(repeatValue / frequency) : 0.0,
                revenue,
                holdoutOccasions,
                holdoutRevenue));
        }

        return new TransactionSummary(
            customers,
            period,
            new DailyCounts(DateOnly.FromDayNumber(firstDay), repeatsByDay),
            _count,
            afterObservationEnd,
            firstSeenInHoldout,
            withoutPurchase,
            _refundRows);
    }

    // A counting sort by customer keeps each customer's rows contiguous in O(n); within a customer the rows are
    // sorted by day only when the log was not already in date order.
    private (int[] Offsets, int[] Days, decimal[] Amounts) GroupByCustomer(int customerCount)
    {
        var offsets = new int[customerCount + 1];
        for (var i = 0; i < _count; i++)
        {
            offsets[_customer[i] + 1]++;
        }

        for (var c = 0; c < customerCount; c++)
        {
            offsets[c + 1] += offsets[c];
        }

        var cursor = offsets.AsSpan(0, customerCount).ToArray();
        var days = new int[_count];
        var amounts = new decimal[_count];
        for (var i = 0; i < _count; i++)
        {
            var position = cursor[_customer[i]]++;
            days[position] = _day[i];
            amounts[position] = _amount[i];
        }

        for (var c = 0; c < customerCount; c++)
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
}

internal static class SpanSorting
{
    public static bool IsSortedAscending(this Span<int> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
