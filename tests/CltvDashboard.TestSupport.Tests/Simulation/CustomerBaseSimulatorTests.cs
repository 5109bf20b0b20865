using CltvDashboard.Domain.Transactions;
using CltvDashboard.TestSupport.Simulation;

namespace CltvDashboard.TestSupport.Tests.Simulation;

public class CustomerBaseSimulatorTests
{
    private static readonly BgNbdProcess BgNbd = new(0.243, 4.414, 0.793, 2.426);
    private static readonly GammaGammaSpend Spend = new(6.25, 3.74, 15.44);

    // Weeks: acquisition over 12 weeks, calibration until week 52, then a 26-week holdout.
    private static readonly ObservationWindow Window = new(AcquisitionLength: 12, CalibrationEnd: 52, HoldoutLength: 26);
    private static readonly TransactionCalendar Calendar = new(new DateTime(2024, 1, 1), TimeUnit.Week);

    public static TheoryData<string> Processes => ["bgnbd", "mbgnbd", "paretonbd"];

    [Fact]
    public void Same_seed_gives_identical_histories_and_transactions()
    {
        var scenario = Scenario(5_000, seed: 1);

        CustomerBaseSimulator.SimulateHistories(scenario)
            .Should().Equal(CustomerBaseSimulator.SimulateHistories(scenario));
        CustomerBaseSimulator.SimulateTransactions(scenario, Calendar)
            .Should().Equal(CustomerBaseSimulator.SimulateTransactions(scenario with { }, Calendar).ToList());
    }

    [Fact]
    public void Different_seeds_give_different_customers()
    {
        var first = CustomerBaseSimulator.SimulateHistories(Scenario(5_000, seed: 1));
        var second = CustomerBaseSimulator.SimulateHistories(Scenario(5_000, seed: 2));

        first.Select(c => c.History).Should().NotEqual(second.Select(c => c.History));
        first.Zip(second).Count(pair => pair.First.AcquisitionTime == pair.Second.AcquisitionTime).Should().Be(0);
    }

    [Fact]
    public void Callback_receives_the_same_rows_as_the_enumerable()
    {
        var scenario = Scenario(5_000, seed: 3);
        var received = new List<Transaction>();

        var count = CustomerBaseSimulator.SimulateTransactions(
            scenario, Calendar, (id, timestamp, amount) => received.Add(new Transaction(id.ToString(), timestamp, amount)));

        count.Should().Be(received.Count);
        received.Should().Equal(CustomerBaseSimulator.SimulateTransactions(scenario, Calendar));
    }

    [Fact]
    public void Adding_a_spend_process_leaves_purchase_histories_unchanged()
    {
        var withSpend = CustomerBaseSimulator.SimulateHistories(Scenario(5_000, seed: 4));
        var withoutSpend = CustomerBaseSimulator.SimulateHistories(Scenario(5_000, seed: 4) with { Spend = null });

        withSpend.Select(c => (c.History, c.HoldoutPurchases, c.DropoutTime))
            .Should().Equal(withoutSpend.Select(c => (c.History, c.HoldoutPurchases, c.DropoutTime)));
        withoutSpend.Should().OnlyContain(c => c.MeanRepeatSpend == 0 && c.SpendScale == 0);
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void Histories_are_valid_and_ages_follow_the_acquisition_window(string process)
    {
        var customers = CustomerBaseSimulator.SimulateHistories(Scenario(20_000, seed: 5) with { Purchases = Process(process) });

        foreach (var customer in customers)
        {
            var history = customer.History;
            history.Validate();
            history.Recency.Should().BeInRange(0, history.T);
            if (history.Frequency == 0)
            {
                history.Recency.Should().Be(0);
            }

            history.T.Should().BeInRange(Window.CalibrationEnd - Window.AcquisitionLength, Window.CalibrationEnd);
            customer.AcquisitionTime.Should().BeApproximately(Window.CalibrationEnd - history.T, 1e-9);
            if (!customer.IsActiveAtCalibrationEnd)
            {
                customer.HoldoutPurchases.Should().Be(0);
                customer.DropoutTime.Should().BeGreaterThanOrEqualTo(history.Recency);
            }
        }

        // Uniform acquisition: the mean age sits mid-window.
        customers.Average(c => c.History.T).Should().BeApproximately(46, 4 * 12 / Math.Sqrt(12 * customers.Length));
    }

    [Fact]
    public void Bgnbd_customers_drop_out_only_at_a_repeat_purchase()
    {
        var customers = CustomerBaseSimulator.SimulateHistories(Scenario(20_000, seed: 6));

        customers.Where(c => !c.IsActiveAtCalibrationEnd)
            .Should().NotBeEmpty()
            .And.OnlyContain(c => c.History.Frequency > 0 && c.DropoutTime == c.History.Recency);
    }

    [Fact]
    public void Fixed_age_gives_every_customer_the_same_T()
    {
        var scenario = Scenario(1_000, seed: 7) with { Window = ObservationWindow.FixedAge(39) };

        CustomerBaseSimulator.SimulateHistories(scenario)
            .Should().OnlyContain(c => c.History.T == 39 && c.AcquisitionTime == 0);
    }

    [Fact]
    public void Transactions_are_sorted_per_customer_and_inside_the_window()
    {
        var scenario = Scenario(20_000, seed: 8);
        var acquisitionEnd = Calendar.Start.AddDays(7 * Window.AcquisitionLength);
        var observationEnd = Calendar.Start.AddDays(7 * Window.ObservationEnd);
        var rows = CustomerBaseSimulator.SimulateTransactions(scenario, Calendar).ToList();

        var customers = rows.GroupBy(row => row.CustomerId).ToList();

        customers.Select(group => group.Key).Should().Equal(Enumerable.Range(0, 20_000).Select(scenario.CustomerId));
        rows.Select(row => row.CustomerId).Should().BeInAscendingOrder(StringComparer.Ordinal, "each customer's rows are contiguous");
        foreach (var customer in customers)
        {
            customer.Select(row => row.Timestamp).Should().BeInAscendingOrder();
            customer.First().Timestamp.Should().BeOnOrAfter(Calendar.Start).And.BeBefore(acquisitionEnd);
        }

        rows.Should().OnlyContain(row => row.Timestamp < observationEnd && row.Timestamp.Ticks % TimeSpan.TicksPerMinute == 0);
        rows.Should().OnlyContain(row => row.Amount >= 0 && decimal.Round(row.Amount, 2) == row.Amount);
        rows.GroupBy(row => (row.CustomerId, row.Timestamp.Date)).Should().Contain(day => day.Count() > 1, "minute resolution allows several purchases a day");
    }

    [Fact]
    public void Transactions_describe_the_same_customers_as_the_histories()
    {
        var scenario = Scenario(5_000, seed: 9);
        var calibrationEnd = Calendar.Start.AddDays(7 * Window.CalibrationEnd);
        var customers = CustomerBaseSimulator.SimulateHistories(scenario);
        var rows = CustomerBaseSimulator.SimulateTransactions(scenario, Calendar).ToLookup(row => row.CustomerId);

        for (var i = 0; i < customers.Length; i++)
        {
            var customer = customers[i];
            var own = rows[scenario.CustomerId(i)].ToList();
            var calibration = own.Where(row => row.Timestamp < calibrationEnd).ToList();

            own[0].Timestamp.Should().Be(Calendar.ToTimestamp(customer.AcquisitionTime));
            calibration.Should().HaveCount(customer.History.Frequency + 1);
            own.Should().HaveCount(customer.History.Frequency + 1 + customer.HoldoutPurchases);
            if (customer.History.Frequency > 0)
            {
                var repeatMean = (double)calibration.Skip(1).Average(row => row.Amount);
                repeatMean.Should().BeApproximately(customer.MeanRepeatSpend, 0.005);
            }
        }
    }

    [Fact]
    public void Summarised_log_matches_the_continuous_histories_up_to_day_rounding()
    {
        var scenario = Scenario(5_000, seed: 10);
        var builder = new CustomerSummaryBuilder();
        CustomerBaseSimulator.SimulateTransactions(
            scenario, Calendar, (id, timestamp, amount) => builder.Add(id, DateOnly.FromDateTime(timestamp), amount));
        var summary = builder.Build(Calendar.SummaryPeriodFor(Window));
        var customers = CustomerBaseSimulator.SimulateHistories(scenario);

        summary.Period.CalibrationEnd.Should().Be(new DateOnly(2024, 12, 29), "52 weeks after 2024-01-01, exclusive");
        summary.Customers.Should().HaveCount(customers.Length);
        var matchingFrequency = 0;
        for (var i = 0; i < customers.Length; i++)
        {
            var simulated = customers[i].History;
            var summarised = summary.Customers[i];
            summarised.CustomerId.Should().Be(scenario.CustomerId(i));
            summarised.T.Should().BeApproximately(simulated.T, 1.0 / 7);
            summarised.Frequency.Should().BeLessThanOrEqualTo(simulated.Frequency, "purchases on one day are one occasion");
            matchingFrequency += summarised.Frequency == simulated.Frequency ? 1 : 0;
        }

        matchingFrequency.Should().BeGreaterThan(customers.Length * 98 / 100);
    }

    [Fact]
    public void Customer_ids_are_padded_so_that_they_sort_in_simulation_order()
    {
        var small = Scenario(20, seed: 0);
        var large = Scenario(12_345_678, seed: 0);

        small.CustomerId(0).Should().Be("C0000001");
        small.CustomerId(19).Should().Be("C0000020");
        large.CustomerId(9_999_999).Should().Be("C10000000");
        large.CustomerId(0).Should().Be("C00000001");
    }

    [Fact]
    public void Invalid_settings_are_rejected_with_the_parameter_named()
    {
        var valid = Scenario(10, seed: 0);

        Reject(valid with { Purchases = BgNbd with { R = 0 } }).WithMessage("*BG/NBD*r*");
        Reject(valid with { Purchases = new ParetoNbdProcess(1, 1, 1, double.NaN) }).WithMessage("*Pareto/NBD*beta*");
        Reject(valid with { Spend = Spend with { Q = -1 } }).WithMessage("*Gamma-Gamma*q*");
        Reject(valid with { Window = Window with { AcquisitionLength = 60 } }).WithMessage("*acquisition window*");
        Reject(valid with { Window = Window with { HoldoutLength = double.PositiveInfinity } }).WithMessage("*HoldoutLength*");
        Reject(valid with { CustomerCount = -1 });
        FluentActions.Invoking(() => CustomerBaseSimulator.SimulateTransactions(valid with { Spend = null }, Calendar))
            .Should().Throw<ArgumentException>().WithMessage("*spend process*");
    }

    private static FluentAssertions.Specialized.ExceptionAssertions<ArgumentException> Reject(CustomerBaseScenario scenario) =>
        FluentActions.Invoking(() => CustomerBaseSimulator.SimulateHistories(scenario)).Should().Throw<ArgumentException>();

    private static CustomerBaseScenario Scenario(int customers, int seed) => new(customers, BgNbd, Window, seed, Spend);

    private static PurchaseProcess Process(string name) => name switch
    {
        "bgnbd" => BgNbd,
        "mbgnbd" => new MbgNbdProcess(BgNbd.R, BgNbd.Alpha, BgNbd.A, BgNbd.B),
        "paretonbd" => new ParetoNbdProcess(0.5534, 10.5802, 0.6061, 11.6562),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown process."),
    };
}
