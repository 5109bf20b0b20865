using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Uncertainty;
using CltvDashboard.TestSupport.Simulation;

namespace CltvDashboard.Domain.Tests.Uncertainty;

/// <summary>
/// Replications of a simulated 5,000-customer base with a 39-week holdout (BG/NBD and Gamma-Gamma with CDNOW's
/// parameters, customers acquired over 12 weeks, calibration to week 39), each summarised by day as the product does,
/// BG/NBD fitted on the calibration period and its ranges of the holdout set against what the simulation did.
/// </summary>
internal static class RangeCoverage
{
    public const int Customers = 5_000;

    public static Result Run(int replications, int firstSeed)
    {
        var covered80 = 0;
        var covered95 = 0;
        var customersCovered80 = 0L;
        var customersCovered95 = 0L;
        var customers = 0L;
        var worstCustomerShare80 = 1.0;
        var gate = new object();
        Parallel.For(0, replications, new ParallelOptions { MaxDegreeOfParallelism = 2 }, r =>
        {
            var one = Replicate(firstSeed + r);
            lock (gate)
            {
                covered80 += one.Total.Within80(one.Actual) ? 1 : 0;
                covered95 += one.Total.Within95(one.Actual) ? 1 : 0;
                customersCovered80 += one.CustomersCovered80;
                customersCovered95 += one.CustomersCovered95;
                customers += one.Customers;
                worstCustomerShare80 = Math.Min(worstCustomerShare80, (double)one.CustomersCovered80 / one.Customers);
            }
        });

        return new Result(replications, (double)covered80 / replications, (double)covered95 / replications, (double)customersCovered80 / customers, (double)customersCovered95 / customers, worstCustomerShare80);
    }

    public static Replication Replicate(int seed)
    {
        var window = new ObservationWindow(12, 39, 39);
        var scenario = new CustomerBaseScenario(Customers, CdnowLikeScenario.Purchases, window, seed, CdnowLikeScenario.Spend);
        var calendar = CdnowLikeScenario.Calendar;
        var log = new TransactionLog(Customers * 4);
        CustomerBaseSimulator.SimulateTransactions(scenario, calendar, (id, timestamp, amount) => log.Add(id, DateOnly.FromDateTime(timestamp), amount));
        var period = calendar.SummaryPeriodFor(window);
        var summary = new CustomerSummaryBuilder(log).Build(period);
        var histories = summary.Histories();
        var fit = CountModelCatalog.Get("bgnbd").Fit(histories);
        var ranges = ForecastRanges.Compute(fit, histories, period.HoldoutLength, new RangeOptions());
        var perCustomer = ranges.Customers();
        int covered80 = 0, covered95 = 0;
        for (var i = 0; i < histories.Length; i++)
        {
            var actual = summary.Customers[i].HoldoutFrequency;
            covered80 += actual >= perCustomer.PurchasesLow80[i] && actual <= perCustomer.PurchasesHigh80[i] ? 1 : 0;
            covered95 += actual >= perCustomer.PurchasesLow95[i] && actual <= perCustomer.PurchasesHigh95[i] ? 1 : 0;
        }

        return new Replication(ranges.Total().Purchases, summary.Customers.Sum(c => c.HoldoutFrequency), histories.Length, covered80, covered95);
    }

    public sealed record Replication(ForecastRange Total, int Actual, int Customers, int CustomersCovered80, int CustomersCovered95);

    public sealed record Result(int Replications, double Total80, double Total95, double Customers80, double Customers95, double WorstCustomers80)
    {
        public override string ToString() =>
            $"{Replications} replications: total's 80 % range covered {Total80:P1}, 95 % range {Total95:P1}; customers inside their 80 % range {Customers80:P2} (worst replication {WorstCustomers80:P2}), 95 % {Customers95:P2}";
    }
}
