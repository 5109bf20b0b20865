using System.Runtime.InteropServices;

namespace CltvDashboard.Domain.Transactions;

/// <summary>
/// A transaction log held as compact columns (customer index, day, amount: about 24 bytes a row), filled one row
/// at a time in any order. One log can feed several analyses (<see cref="CustomerSummaryBuilder"/>,
/// <see cref="Cohorts.CohortBuilder"/>) so that a file is read once.
/// </summary>
public sealed class TransactionLog
{
    private readonly Dictionary<string, int> _indexById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _indexBySpan;
    private readonly List<string> _ids = [];
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
        _indexBySpan = _indexById.GetAlternateLookup<ReadOnlySpan<char>>();
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
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_indexById, customerId, out var exists);
        if (!exists)
        {
            index = _ids.Count;
            _ids.Add(customerId);
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

        // Files list a customer's rows together, so most rows name the customer of the row before: one comparison
        // instead of hashing the identifier and a lookup in a table of a million customers.
        var index = _lastIndex;
        if ((index < 0 || !customerId.SequenceEqual(_ids[index])) && !_indexBySpan.TryGetValue(customerId, out index))
        {
            var id = customerId.ToString();
            index = _ids.Count;
            _indexById.Add(id, index);
            _ids.Add(id);
        }

        _lastIndex = index;
        Append(index, day, amount);
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
