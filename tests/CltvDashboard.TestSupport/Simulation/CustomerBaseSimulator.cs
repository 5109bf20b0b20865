using System.Runtime.CompilerServices;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// Simulates customer bases from buy-till-you-die processes with known parameters: as continuous-time histories
/// for testing that fitters recover the parameters, or as a calendar transaction log for benchmarks and demos.
/// The output depends only on the scenario (and calendar): same seed, same customers.
/// </summary>
public static class CustomerBaseSimulator
{
    // Called once with a loop over millions of rows: without full optimisation up front the loop would run as
    // on-stack-replaced tier-0 code, which is much slower on a cold start (bench/README.md).
    /// <summary>
    /// Simulates every customer's (x, t_x, T) in continuous time, with the holdout-period purchases and the
    /// latent traits, in customer order (index i is <see cref="CustomerBaseScenario.CustomerId"/>(i)).
    /// </summary>
    /// <exception cref="ArgumentException">The scenario has an invalid setting or parameter.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SimulatedCustomer[] SimulateHistories(CustomerBaseScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        scenario.Validate();

        var generator = new CustomerGenerator(scenario);
        var customers = new SimulatedCustomer[scenario.CustomerCount];
        for (var i = 0; i < customers.Length; i++)
        {
            generator.Next();
            customers[i] = Summarize(generator, scenario.Window.CalibrationEnd);
        }

        return customers;
    }

    /// <summary>
    /// Simulates the transaction log, streaming: customer after customer in customer order, each customer's rows
    /// in time order, from the first purchase at acquisition to the end of the holdout period (exclusive).
    /// </summary>
    /// <exception cref="ArgumentException">The scenario is invalid, has no spend process, or runs past the calendar.</exception>
    public static IEnumerable<Transaction> SimulateTransactions(CustomerBaseScenario scenario, TransactionCalendar calendar)
    {
        RequireTransactionScenario(scenario, calendar);
        return EnumerateTransactions(scenario, calendar);
    }

    // Called once with a loop over millions of rows: without full optimisation up front the loop would run as
    // on-stack-replaced tier-0 code, which is much slower on a cold start (bench/README.md).
    /// <summary>
    /// Simulates the same rows as <see cref="SimulateTransactions(CustomerBaseScenario, TransactionCalendar)"/>
    /// and hands each to <paramref name="handler"/> without allocating per row or per customer.
    /// </summary>
    /// <returns>The number of rows handed over.</returns>
    /// <exception cref="ArgumentException">The scenario is invalid, has no spend process, or runs past the calendar.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long SimulateTransactions(
        CustomerBaseScenario scenario, TransactionCalendar calendar, SimulatedTransactionHandler handler)
    {
        RequireTransactionScenario(scenario, calendar);
        ArgumentNullException.ThrowIfNull(handler);

        var generator = new CustomerGenerator(scenario);
        Span<char> idBuffer = stackalloc char[scenario.IdLength];
        long rows = 0;
        for (var i = 0; i < scenario.CustomerCount; i++)
        {
            generator.Next();
            var id = scenario.FormatCustomerId(i, idBuffer);
            var times = generator.Purchases.Times;
            var amounts = generator.Purchases.Amounts;
            for (var j = 0; j < times.Length; j++)
            {
                handler(id, calendar.TimestampAt(generator.AcquisitionTime + times[j]), ToCents(amounts[j]));
            }

            rows += times.Length;
        }

        return rows;
    }

    private static IEnumerable<Transaction> EnumerateTransactions(CustomerBaseScenario scenario, TransactionCalendar calendar)
    {
        var generator = new CustomerGenerator(scenario);
        for (var i = 0; i < scenario.CustomerCount; i++)
        {
            generator.Next();
            var id = scenario.CustomerId(i);
            for (var j = 0; j < generator.Purchases.Count; j++)
            {
                var time = generator.AcquisitionTime + generator.Purchases.TimeAt(j);
                yield return new Transaction(
                    id, calendar.TimestampAt(time), ToCents(generator.Purchases.AmountAt(j)));
            }
        }
    }

    private static void RequireTransactionScenario(CustomerBaseScenario scenario, TransactionCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(calendar);
        scenario.Validate();
        if (scenario.Spend is null)
        {
            throw new ArgumentException("A transaction log needs a spend process to value its rows.", nameof(scenario));
        }

        calendar.RequireRoomFor(scenario.Window);
    }

    private static SimulatedCustomer Summarize(CustomerGenerator generator, double calibrationEnd)
    {
        var t = calibrationEnd - generator.AcquisitionTime;
        var times = generator.Purchases.Times;
        var amounts = generator.Purchases.Amounts;
        var frequency = 0;
        var recency = 0.0;
        var repeatSpend = 0.0;
        var holdoutPurchases = 0;
        var holdoutSpend = 0.0;
        for (var j = 1; j < times.Length; j++)
        {
            if (times[j] <= t)
            {
                frequency++;
                recency = times[j];
                repeatSpend += amounts[j];
            }
            else
            {
                holdoutPurchases++;
                holdoutSpend += amounts[j];
            }
        }

        return new SimulatedCustomer(
            new PurchaseHistory(frequency, recency, t),
            generator.AcquisitionTime,
            frequency > 0 ? repeatSpend / frequency : 0.0,
            holdoutPurchases,
            holdoutSpend,
            generator.PurchaseRate,
            generator.SpendScale,
            generator.DropoutTime);
    }

    // Building the decimal from whole cents avoids the slow double-to-decimal conversion on millions of rows;
    // amounts beyond 10^13 (unreachable with realistic parameters) take the exact conversion instead.
    private static decimal ToCents(double amount)
    {
        var cents = Math.Round(amount * 100.0);
        if (cents >= 1e15)
        {
            return Math.Round((decimal)amount, 2);
        }

        var whole = (long)cents;
        return new decimal((int)whole, (int)(whole >> 32), 0, false, 2);
    }
}
