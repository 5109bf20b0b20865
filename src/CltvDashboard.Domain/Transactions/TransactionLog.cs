namespace CltvDashboard.Domain.Transactions;

/// <summary>
/// A transaction log held as compact columns (customer index, day, amount: about 24 bytes a row), filled one row
/// at a time in any order. One log can feed several analyses (<see cref="CustomerSummaryBuilder"/>,
/// <see cref="Cohorts.CohortBuilder"/>) so that a file is read once.
/// </summary>
public sealed class TransactionLog
{
    private readonly CustomerIndex _ids = new();
    private int[] _customer;
    private int[] _day;
    private decimal[] _amount;
    private CustomerRows? _grouped;
    private int _lastIndex = -1;

    /// <summary>Creates an empty log; <paramref name="expectedRows"/> sizes its buffers up front.</summary>
    public TransactionLog(int expectedRows = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedRows);
        var capacity = Math.Max(expectedRows, 16);
        _customer = new int[capacity];
        _day = new int[capacity];
        _amount = new decimal[capacity];
    }

    /// <summary>Rows added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Distinct customers seen so far.</summary>
    public int CustomerCount => _ids.Count;

    /// <summary>Rows with a negative amount (refunds) added so far.</summary>
    public long RefundRows { get; private set; }

    /// <summary>The earliest day seen, or null before the first row.</summary>
    public DateOnly? FirstDay { get; private set; }

    /// <summary>The latest day seen, or null before the first row; the natural observation end of a log.</summary>
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
        Append(_ids.GetOrAdd(customerId), day, amount);
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

        // Files list a customer's rows together, so most rows name the customer of the row before: one comparison
        // instead of hashing the identifier and a lookup in a table of a million customers.
        var index = _lastIndex;
        if (index < 0 || !customerId.SequenceEqual(_ids[index]))
        {
            index = _ids.GetOrAdd(customerId);
        }

        _lastIndex = index;
        Append(index, day, amount);
    }

    /// <summary>
    /// Removes rows by their position in the order they were added (a reader that finds, once a file is in, rows
    /// repeating earlier ones); the other rows keep their order.
    /// </summary>
    /// <param name="rows">Positions of the rows to remove, ascending, each below <see cref="Count"/>.</param>
    /// <exception cref="ArgumentException">The positions are not ascending or not within the log.</exception>
    public void RemoveRows(ReadOnlySpan<int> rows)
    {
        if (rows.IsEmpty)
        {
            return;
        }

        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] < 0 || rows[i] >= Count || (i > 0 && rows[i] <= rows[i - 1]))
            {
                throw new ArgumentException("Row positions must be ascending and within the log.", nameof(rows));
            }
        }

        var write = rows[0];
        var next = 0;
        for (var read = rows[0]; read < Count; read++)
        {
            if (next < rows.Length && rows[next] == read)
            {
                next++;
                if (_amount[read] < 0)
                {
                    RefundRows--;
                }

                continue;
            }

            _customer[write] = _customer[read];
            _day[write] = _day[read];
            _amount[write] = _amount[read];
            write++;
        }

        Count = write;
        _grouped = null;
        FirstDay = LastDay = null;
        for (var i = 0; i < Count; i++)
        {
            var day = DateOnly.FromDayNumber(_day[i]);
            FirstDay = FirstDay is { } first && first <= day ? first : day;
            LastDay = LastDay is { } last && last >= day ? last : day;
        }
    }

    /// <summary>The identifier of the customer at <paramref name="index"/> (in first-seen order).</summary>
    internal string CustomerId(int index) => _ids[index];

    /// <summary>
    /// Groups the rows by customer, in day order within each customer, in place: an American flag sort
    /// (McIlroy, Bostic &amp; McIlroy 1993) swaps every row straight into its customer's slot, so grouping a log of
    /// millions of rows needs no second copy of it. The grouping is kept until more rows are added, so analyses
    /// that share the log share the work.
    /// </summary>
    /// <remarks>The arrays of the result are the log's own: adding rows afterwards invalidates it.</remarks>
    internal CustomerRows GroupByCustomer()
    {
        if (_grouped is { } grouped && grouped.Offsets[^1] == Count)
        {
            return grouped;
        }

        var customers = _ids.Count;
        var offsets = new int[customers + 1];
        for (var i = 0; i < Count; i++)
        {
            offsets[_customer[i] + 1]++;
        }

        for (var c = 0; c < customers; c++)
        {
            offsets[c + 1] += offsets[c];
        }

        var cursor = offsets.AsSpan(0, customers).ToArray();
        for (var c = 0; c < customers; c++)
        {
            var end = offsets[c + 1];
            while (cursor[c] < end)
            {
                var i = cursor[c];
                var owner = _customer[i];
                if (owner == c)
                {
                    cursor[c]++;
                    continue;
                }

                var j = cursor[owner]++;
                (_customer[i], _customer[j]) = (_customer[j], _customer[i]);
                (_day[i], _day[j]) = (_day[j], _day[i]);
                (_amount[i], _amount[j]) = (_amount[j], _amount[i]);
            }
        }

        for (var c = 0; c < customers; c++)
        {
            var start = offsets[c];
            var length = offsets[c + 1] - start;
            if (!IsSortedAscending(_day.AsSpan(start, length)))
            {
                Array.Sort(_day, _amount, start, length);
            }
        }

        _grouped = new CustomerRows(offsets, _day, _amount);
        return _grouped;
    }

    private void Append(int customer, DateOnly day, decimal amount)
    {
        if (Count == _customer.Length)
        {
            var capacity = (int)Math.Min(Array.MaxLength, (long)Count * 2);
            Array.Resize(ref _customer, capacity);
            Array.Resize(ref _day, capacity);
            Array.Resize(ref _amount, capacity);
        }

        _customer[Count] = customer;
        _day[Count] = day.DayNumber;
        _amount[Count] = amount;
        Count++;
        if (amount < 0)
        {
            RefundRows++;
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

    private static bool IsSortedAscending(Span<int> values)
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

/// <summary>
/// A log's rows grouped by customer: customer c's rows are [Offsets[c], Offsets[c + 1]) of <see cref="Days"/>
/// and <see cref="Amounts"/>, in day order.
/// </summary>
internal sealed record CustomerRows(int[] Offsets, int[] Days, decimal[] Amounts)
{
    /// <summary>
    /// Nets the rows of the day at <paramref name="i"/> and moves <paramref name="i"/> past them. The day is a
    /// purchase occasion when it has a purchase (amount ≥ 0) that its same-day refunds do not cancel (net ≤ 0);
    /// a day of refunds alone refunds an earlier order and is never an occasion.
    /// </summary>
    public (int Day, decimal Net, bool IsOccasion) NextDay(ref int i, int end)
    {
        var day = Days[i];
        var net = 0m;
        var hasPurchase = false;
        var hasRefund = false;
        for (; i < end && Days[i] == day; i++)
        {
            net += Amounts[i];
            hasPurchase |= Amounts[i] >= 0;
            hasRefund |= Amounts[i] < 0;
        }

        return (day, net, PurchaseOccasions.IsOccasion(hasPurchase, hasRefund, net));
    }
}
