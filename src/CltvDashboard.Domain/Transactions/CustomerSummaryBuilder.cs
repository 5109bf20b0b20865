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
    /// <summary>Creates a builder with its own log; <paramref name="expectedRows"/> sizes its buffers up front.</summary>
    public CustomerSummaryBuilder(int expectedRows = 1024)
        : this(new TransactionLog(expectedRows))
    {
    }

    /// <summary>Creates a builder over a log that other analyses may share.</summary>
    public CustomerSummaryBuilder(TransactionLog log)
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

    /// <summary>The latest day seen, or null before the first row; the natural observation end of a log.</summary>
    public DateOnly? LastDay => Log.LastDay;

    /// <summary>The earliest day seen, or null before the first row.</summary>
    public DateOnly? FirstDay => Log.FirstDay;

    /// <summary>Adds one transaction; its day is the calendar day of its timestamp.</summary>
    public void Add(Transaction transaction) => Log.Add(transaction);

    /// <summary>Adds one transaction row.</summary>
    public void Add(string customerId, DateOnly day, decimal amount) => Log.Add(customerId, day, amount);

    /// <summary>Adds one transaction row without allocating a string for a customer already seen.</summary>
    public void Add(ReadOnlySpan<char> customerId, DateOnly day, decimal amount) => Log.Add(customerId, day, amount);

    /// <summary>Summarises every customer for the given periods.</summary>
    /// <exception cref="ArgumentException">The observation end is before the calibration end.</exception>
    public TransactionSummary Build(SummaryPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        period.Validate();

        var customerCount = Log.CustomerCount;
        var rows = Log.GroupByCustomer();
        var offsets = rows.Offsets;
        var days = rows.Days;
        var calibrationEnd = period.CalibrationEnd.DayNumber;
        var observationEnd = period.ObservationEnd.DayNumber;
        var daysPerUnit = period.TimeUnit.DaysPer();

        var customers = new List<CustomerSummary>(customerCount);
        var firstDay = Log.FirstDay?.DayNumber ?? calibrationEnd;
        var repeatsByDay = new int[Math.Max(0, observationEnd - firstDay + 1)];
        long afterObservationEnd = 0;
        var firstSeenInHoldout = 0;
        var withoutPurchase = 0;
        var revenueWithoutPurchase = 0m;

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
            while (i < end && days[i] <= observationEnd)
            {
                var (day, net, isOccasion) = rows.NextDay(ref i, end);
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

            afterObservationEnd += end - i;
            if (first < 0)
            {
                withoutPurchase++;
                revenueWithoutPurchase += revenue + holdoutRevenue;
                continue;
            }

            if (first > calibrationEnd)
            {
                firstSeenInHoldout++;
                continue;
            }

            var frequency = calibrationOccasions - 1;
            customers.Add(new CustomerSummary(
                Log.CustomerId(c),
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
            Log.Count,
            afterObservationEnd,
            firstSeenInHoldout,
            withoutPurchase,
            revenueWithoutPurchase,
            Log.RefundRows);
    }
}
