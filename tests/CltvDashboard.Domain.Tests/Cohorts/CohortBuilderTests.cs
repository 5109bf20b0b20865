using CltvDashboard.Domain.Cohorts;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Cohorts;

public class CohortBuilderTests
{
    private static readonly DateOnly CdnowEnd = new(1998, 6, 30);

    [Fact]
    public void Hand_made_log_gives_known_cells()
    {
        var table = Build(
            "2024-04-15",
            ("a", "2024-01-05", 10m),
            ("a", "2024-01-20", 5m),
            ("a", "2024-03-02", 20m),
            ("b", "2024-01-31", 7m),
            ("b", "2024-02-01", 3m),
            ("c", "2024-02-10", 50m),
            ("c", "2024-02-10", -50m),
            ("c", "2024-02-15", 8m),
            ("c", "2024-04-01", -8m));

        table.Cohorts.Select(c => (c.AcquisitionMonth, c.Size)).Should().Equal((new DateOnly(2024, 1, 1), 2), (new DateOnly(2024, 2, 1), 1));
        Cells(table.Cohorts[0]).Should().Equal(
            (0, 2, 22m, 22m, false),
            (1, 1, 3m, 25m, false),
            (2, 1, 20m, 45m, false),
            (3, 0, 0m, 45m, true));
        Cells(table.Cohorts[1]).Should().Equal(
            (0, 1, 8m, 8m, false),
            (1, 0, 0m, 8m, false),
            (2, 0, -8m, 0m, true));
        table.Cohorts[0].Months.Select(m => m.RetentionRate).Should().Equal(1.0, 0.5, 0.5, 0.0);
        table.Cohorts[0].Months.Select(m => m.CumulativeRevenuePerCustomer).Should().Equal(11m, 12.5m, 22.5m, 22.5m);
        table.Cohorts[1].Months[2].Month.Should().Be(new DateOnly(2024, 4, 1));
    }

    [Fact]
    public void Same_day_cancelled_order_does_not_acquire_but_its_net_stays_in_month_zero()
    {
        var table = Build("2024-03-31", ("a", "2024-01-10", 50m), ("a", "2024-01-10", -60m), ("a", "2024-02-15", 8m));

        var cohort = table.Cohorts.Should().ContainSingle().Subject;
        cohort.AcquisitionMonth.Should().Be(new DateOnly(2024, 2, 1));
        Cells(cohort).Should().Equal((0, 1, -2m, -2m, false), (1, 0, 0m, -2m, false));
    }

    [Fact]
    public void Zero_amount_purchase_acquires_a_customer()
    {
        var table = Build("2024-01-31", ("a", "2024-01-10", 0m));

        table.Cohorts.Should().ContainSingle().Which.Months.Single().ActiveCustomers.Should().Be(1);
    }

    [Fact]
    public void Several_occasions_in_a_month_count_one_active_customer()
    {
        var table = Build("2024-02-29", ("a", "2024-01-10", 1m), ("a", "2024-02-03", 1m), ("a", "2024-02-20", 1m));

        table.Cohorts.Single().Months[1].ActiveCustomers.Should().Be(1);
    }

    [Fact]
    public void Customer_without_purchase_is_in_no_cohort_and_reported()
    {
        var table = Build("2024-03-31", ("a", "2024-01-10", 30m), ("b", "2024-01-12", -10m), ("c", "2024-04-02", 5m));

        table.AcquiredCustomers.Should().Be(1);
        table.CustomersNotAcquired.Should().Be(2);
        table.RevenueWithoutCohort.Should().Be(-10m);
        table.TransactionsAfterAsOf.Should().Be(1);
    }

    [Fact]
    public void Months_after_the_as_of_date_are_not_produced()
    {
        var rows = new[] { ("a", "2024-01-10", 10m), ("a", "2024-05-02", 10m), ("b", "2024-03-05", 4m) };

        var table = Build("2024-03-10", rows);

        table.Cohorts.Select(c => c.Months.Count).Should().Equal(3, 1);
        table.Cells.Where(c => c.IsPartial).Select(c => c.Month).Should().AllBeEquivalentTo(new DateOnly(2024, 3, 1));
        table.Cells.Count(c => c.IsPartial).Should().Be(2);
        table.Cells.Sum(c => c.Revenue).Should().Be(14m);
        table.TransactionsAfterAsOf.Should().Be(1);
    }

    [Fact]
    public void As_of_date_on_the_last_day_of_a_month_leaves_no_partial_month()
    {
        var table = Build("2024-02-29", ("a", "2024-01-10", 10m));

        table.Cells.Should().HaveCount(2).And.AllSatisfy(c => c.IsPartial.Should().BeFalse());
    }

    [Fact]
    public void Span_string_and_transaction_overloads_refer_to_the_same_customer()
    {
        var builder = new CohortBuilder();
        builder.Add("a", new DateOnly(2024, 1, 1), 1m);
        builder.Add("a".AsSpan(), new DateOnly(2024, 1, 2), 1m);
        builder.Add(new Transaction("a", new DateTime(2024, 1, 3, 23, 59, 0, DateTimeKind.Unspecified), 1m));

        builder.CustomerCount.Should().Be(1);
        builder.Build(new DateOnly(2024, 1, 31)).Cohorts.Single().Months.Single().Revenue.Should().Be(3m);
        builder.Invoking(b => b.Add(string.Empty, new DateOnly(2024, 1, 1), 1m)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Row_order_does_not_change_the_table()
    {
        var random = new Random(3);
        var rows = Cdnow.Sample.ToList();
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();

        var forward = Build(rows, CdnowEnd);
        var reordered = Build(shuffled, CdnowEnd);

        reordered.Cells.Should().Equal(forward.Cells);
    }

    [Fact]
    public void Cdnow_sample_is_the_first_quarter_1997_cohort()
    {
        var table = Build(Cdnow.Sample, CdnowEnd);

        table.Cohorts.Select(c => c.AcquisitionMonth).Should().Equal(new DateOnly(1997, 1, 1), new DateOnly(1997, 2, 1), new DateOnly(1997, 3, 1));
        table.Cohorts.Sum(c => c.Size).Should().Be(2357);
        table.Cohorts.Select(c => c.Months.Count).Should().Equal(18, 17, 16);
        table.Cells.Should().NotContain(c => c.IsPartial);
        table.CustomersNotAcquired.Should().Be(0);
    }

    [Fact]
    public void Cdnow_sample_month_zero_retention_is_complete_and_revenue_adds_up()
    {
        Cdnow.Sample.Should().NotContain(t => t.Amount < 0, "the cumulative check below assumes a log without refunds");

        var table = Build(Cdnow.Sample, CdnowEnd);

        table.Cohorts.Should().AllSatisfy(c => c.Months[0].RetentionRate.Should().Be(1.0));
        table.Cohorts.Should().AllSatisfy(c => c.Months.Select(m => m.CumulativeRevenuePerCustomer).Should().BeInAscendingOrder());
        table.Cells.Sum(c => c.Revenue).Should().Be(Cdnow.Sample.Sum(t => t.Amount));
        table.Cohorts.Should().AllSatisfy(c => c.Months[^1].CumulativeRevenue.Should().Be(c.Months.Sum(m => m.Revenue)));
    }

    [Fact]
    public void Cdnow_sample_active_customers_match_a_direct_count()
    {
        // Without refunds every row is a purchase, so a customer is active in every month holding one of their rows.
        var acquired = Cdnow.Sample.GroupBy(t => t.CustomerId).ToDictionary(g => g.Key, g => MonthOf(g.Min(t => t.Timestamp)));
        var expected = Cdnow.Sample
            .Select(t => (Customer: t.CustomerId, Month: MonthOf(t.Timestamp)))
            .Distinct()
            .GroupBy(x => (Cohort: acquired[x.Customer], x.Month))
            .ToDictionary(g => g.Key, g => g.Count());

        var table = Build(Cdnow.Sample, CdnowEnd);

        table.Cells.Should().AllSatisfy(cell =>
            cell.ActiveCustomers.Should().Be(expected.GetValueOrDefault((cell.AcquisitionMonth, cell.Month))));
        table.Cells.Sum(c => c.ActiveCustomers).Should().Be(expected.Values.Sum());
    }

    [Fact]
    public void Cdnow_sample_cohorts_are_the_customer_summaries_first_purchase_months()
    {
        var expected = Cdnow.SampleSummary.Customers
            .GroupBy(c => new DateOnly(c.FirstPurchase.Year, c.FirstPurchase.Month, 1))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Count()));

        var table = Build(Cdnow.Sample, CdnowEnd);

        table.Cohorts.Select(c => (c.AcquisitionMonth, c.Size)).Should().Equal(expected);
    }

    [Fact]
    public void Cdnow_master_cohort_sizes_cover_the_whole_cohort()
    {
        var table = Build(Cdnow.Master, CdnowEnd);

        table.AcquiredCustomers.Should().Be(23570);
        table.Cells.Sum(c => c.Revenue).Should().Be(Cdnow.Master.Sum(t => t.Amount));
    }

    [Fact]
    public void Cohorts_agree_with_customer_summaries_on_a_log_with_refunds()
    {
        var asOf = new DateOnly(2024, 12, 31);
        var random = new Random(42);
        var rows = new List<Transaction>();
        for (var c = 0; c < 300; c++)
        {
            var day = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 200));
            for (var n = random.Next(1, 8); n > 0; n--)
            {
                var amount = random.Next(0, 10) switch
                {
                    0 => 0m,
                    1 or 2 => -random.Next(1, 60),
                    _ => random.Next(1, 60),
                };
                rows.Add(new Transaction($"c{c}", day.ToDateTime(TimeOnly.MinValue), amount));
                day = day.AddDays(random.Next(0, 3) == 0 ? 0 : random.Next(1, 60));
            }
        }

        var summaryBuilder = new CustomerSummaryBuilder();
        rows.ForEach(summaryBuilder.Add);
        var summary = summaryBuilder.Build(new SummaryPeriod(asOf, asOf, TimeUnit.Day));
        var table = Build(rows, asOf);

        table.RevenueWithoutCohort.Should().NotBe(0m, "the log should exercise customers without a purchase");
        table.Cohorts.Select(c => (c.AcquisitionMonth, c.Size, c.Months[^1].CumulativeRevenue)).Should().Equal(
            summary.Customers
                .GroupBy(c => new DateOnly(c.FirstPurchase.Year, c.FirstPurchase.Month, 1))
                .OrderBy(g => g.Key)
                .Select(g => (g.Key, g.Count(), g.Sum(c => c.Revenue))));
        table.CustomersNotAcquired.Should().Be(summary.CustomersWithoutPurchase);
        table.TransactionsAfterAsOf.Should().BePositive("the log should exercise rows after the as-of date");
        (table.Cells.Sum(c => c.Revenue) + table.RevenueWithoutCohort)
            .Should().Be(rows.Where(t => DateOnly.FromDateTime(t.Timestamp) <= asOf).Sum(t => t.Amount));
    }

    [Fact]
    public void Two_channels_cohorts_add_up_to_the_all_customer_cohorts_cell_by_cell()
    {
        var asOf = new DateOnly(2024, 12, 15);
        var rows = RandomLog(seed: 7, customers: 400);
        var builder = new CohortBuilder();
        rows.ForEach(builder.Add);

        var all = builder.Build(asOf);
        var channels = builder.BuildByGroup(asOf, id => int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) % 3 == 0 ? "Email" : "Search");

        channels.Keys.Should().BeEquivalentTo(["Email", "Search"]);
        channels.Values.Sum(t => t.AcquiredCustomers).Should().Be(all.AcquiredCustomers);
        channels.Values.Sum(t => t.CustomersNotAcquired).Should().Be(all.CustomersNotAcquired);
        channels.Values.Sum(t => t.TransactionsRead).Should().Be(all.TransactionsRead);
        channels.Values.Sum(t => t.RevenueWithoutCohort).Should().Be(all.RevenueWithoutCohort);
        var summed = channels.Values.SelectMany(t => t.Cells)
            .GroupBy(c => (c.AcquisitionMonth, c.MonthsSinceAcquisition))
            .ToDictionary(g => g.Key, g => (Size: g.Sum(c => c.CohortSize), Active: g.Sum(c => c.ActiveCustomers), Revenue: g.Sum(c => c.Revenue), Cumulative: g.Sum(c => c.CumulativeRevenue), Partial: g.All(c => c.IsPartial)));
        summed.Should().HaveCount(all.Cells.Count);
        all.Cells.Should().AllSatisfy(cell =>
            summed[(cell.AcquisitionMonth, cell.MonthsSinceAcquisition)].Should().Be((cell.CohortSize, cell.ActiveCustomers, cell.Revenue, cell.CumulativeRevenue, cell.IsPartial)));
    }

    [Fact]
    public void A_channels_cohorts_are_the_cohorts_of_its_customers_alone()
    {
        var asOf = new DateOnly(2024, 12, 15);
        var rows = RandomLog(seed: 11, customers: 200);
        var builder = new CohortBuilder();
        rows.ForEach(builder.Add);

        var email = builder.BuildByGroup(asOf, id => id.EndsWith('7') ? "Email" : null).Should().ContainSingle().Subject;

        email.Key.Should().Be("Email");
        var alone = Build(rows.Where(t => t.CustomerId.EndsWith('7')), asOf);
        email.Value.Cells.Should().Equal(alone.Cells);
        email.Value.CustomersNotAcquired.Should().Be(alone.CustomersNotAcquired);
    }

    private static List<Transaction> RandomLog(int seed, int customers)
    {
        var random = new Random(seed);
        var rows = new List<Transaction>();
        for (var c = 0; c < customers; c++)
        {
            var day = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 300));
            for (var n = random.Next(1, 8); n > 0; n--)
            {
                var amount = random.Next(0, 10) switch
                {
                    0 => 0m,
                    1 or 2 => -random.Next(1, 60),
                    _ => random.Next(1, 60),
                };
                rows.Add(new Transaction($"c{c}", day.ToDateTime(TimeOnly.MinValue), amount));
                day = day.AddDays(random.Next(0, 3) == 0 ? 0 : random.Next(1, 60));
            }
        }

        return rows;
    }

    private static DateOnly MonthOf(DateTime timestamp) => new(timestamp.Year, timestamp.Month, 1);

    private static IEnumerable<(int Month, int Active, decimal Revenue, decimal Cumulative, bool Partial)> Cells(Cohort cohort) =>
        cohort.Months.Select(m => (m.MonthsSinceAcquisition, m.ActiveCustomers, m.Revenue, m.CumulativeRevenue, m.IsPartial));

    private static CohortTable Build(IEnumerable<Transaction> rows, DateOnly asOf)
    {
        var builder = new CohortBuilder();
        foreach (var row in rows)
        {
            builder.Add(row);
        }

        return builder.Build(asOf);
    }

    private static CohortTable Build(string asOf, params (string Customer, string Day, decimal Amount)[] rows)
    {
        var builder = new CohortBuilder();
        foreach (var (customer, day, amount) in rows)
        {
            builder.Add(customer, DateOnly.Parse(day), amount);
        }

        return builder.Build(DateOnly.Parse(asOf));
    }
}
