using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Clv.Valuation;

public class CustomerValuationTests
{
    private const double WeeksPerMonth = 365.25 / 12 / 7;
    private static readonly PurchaseHistory Customer = new(3, 20.0, 30.0);

    [Theory]
    [InlineData(12, 0.01)]
    [InlineData(36, 0.005)]
    [InlineData(1, 0.2)]
    public void Discounted_purchases_of_a_poisson_buyer_follow_the_geometric_series(int months, double rate)
    {
        var model = new PoissonModel(0.5);
        var options = new ValuationOptions(months, rate, 1.0, TimeUnit.Week);

        var discounted = CustomerValuation.DiscountedExpectedPurchases(model, Customer, options);

        // Σ_{i=1..H} λM / (1 + d)^i = λM (1 − (1 + d)^−H) / d.
        var expected = 0.5 * WeeksPerMonth * (1 - Math.Pow(1 + rate, -months)) / rate;
        discounted.Should().BeApproximately(expected, 1e-12 * expected);
    }

    [Fact]
    public void Discounted_purchases_with_dropout_follow_their_closed_form()
    {
        var model = new DropoutModel(0.05);
        var options = new ValuationOptions(24, 0.01, 1.0, TimeUnit.Week);
        var lambda = DropoutModel.Rate(Customer);

        var discounted = CustomerValuation.DiscountedExpectedPurchases(model, Customer, options);

        // Month i adds (λ/μ) e^(−μM(i−1)) (1 − e^(−μM)); with v = 1/(1 + d) and r = v e^(−μM) the sum is geometric.
        var survival = Math.Exp(-0.05 * WeeksPerMonth);
        var v = 1 / 1.01;
        var r = v * survival;
        var expected = lambda / 0.05 * (1 - survival) * v * (1 - Math.Pow(r, 24)) / (1 - r);
        discounted.Should().BeApproximately(expected, 1e-12 * expected);
    }

    [Fact]
    public void Without_discounting_and_at_full_margin_clv_is_value_times_expected_purchases_over_the_horizon()
    {
        var model = new DropoutModel(0.05);
        var options = new ValuationOptions(18, 0.0, 1.0, TimeUnit.Week);
        var horizonPurchases = model.ExpectedPurchases(Customer, 18 * WeeksPerMonth);

        CustomerValuation.Clv(model, Customer, 42.0, options).Should().BeApproximately(42.0 * horizonPurchases, 1e-10);
        CustomerValuation.ExpectedPurchases(model, Customer, options).Should().BeApproximately(horizonPurchases, 1e-12);
        CustomerValuation.DiscountedExpectedPurchases(model, Customer, options).Should().BeApproximately(horizonPurchases, 1e-12);
    }

    [Fact]
    public void Clv_is_value_times_margin_times_discounted_purchases()
    {
        var model = new DropoutModel(0.02);
        var options = new ValuationOptions(12, 0.01, 0.3, TimeUnit.Week);
        var discounted = CustomerValuation.DiscountedExpectedPurchases(model, Customer, options);

        CustomerValuation.Clv(model, Customer, 55.0, options).Should().BeApproximately(55.0 * 0.3 * discounted, 1e-12);
    }

    [Fact]
    public void A_month_is_converted_into_the_models_time_unit()
    {
        // The same purchasing rate stated per day, per week and per month gives the same valuation.
        const double perDay = 0.1;
        var byDay = CustomerValuation.DiscountedExpectedPurchases(new PoissonModel(perDay), Customer, new ValuationOptions(12, 0.01, 1, TimeUnit.Day));
        var byWeek = CustomerValuation.DiscountedExpectedPurchases(new PoissonModel(perDay * 7), Customer, new ValuationOptions(12, 0.01, 1, TimeUnit.Week));
        var byMonth = CustomerValuation.DiscountedExpectedPurchases(new PoissonModel(perDay * 365.25 / 12), Customer, new ValuationOptions(12, 0.01, 1, TimeUnit.Month));

        byWeek.Should().BeApproximately(byDay, 1e-12 * byDay);
        byMonth.Should().BeApproximately(byDay, 1e-12 * byDay);
        new ValuationOptions(12, 0.01, 1, TimeUnit.Day).MonthLength.Should().Be(30.4375);
    }

    [Fact]
    public void Bulk_clv_equals_the_per_customer_clv()
    {
        var model = new DropoutModel(0.03);
        var options = new ValuationOptions(12, 0.01, 0.4, TimeUnit.Week);
        var (histories, values) = Customers(20_000, seed: 5);
        var clv = new double[histories.Length];
        var purchases = new double[histories.Length];

        CustomerValuation.Clv(model, histories, values, options, clv, purchases);

        for (var i = 0; i < histories.Length; i++)
        {
            clv[i].Should().Be(CustomerValuation.Clv(model, histories[i], values[i], options));
            purchases[i].Should().Be(CustomerValuation.ExpectedPurchases(model, histories[i], options));
        }
    }

    [Fact]
    public void Bulk_clv_forecasts_each_distinct_frequency_and_age_once()
    {
        // The forecast is P(alive | x, t_x, T) × a part in (x, T) alone: H monthly values plus the horizon's total.
        var model = new DropoutModel(0.03);
        var options = new ValuationOptions(12, 0.01, 1.0, TimeUnit.Week);
        var (histories, values) = Customers(20_000, seed: 6);
        var distinct = histories.Select(h => (h.Frequency, h.T)).Distinct().Count();

        CustomerValuation.Clv(model, histories, values, options, new double[histories.Length]);

        distinct.Should().BeLessThan(histories.Length / 2, "the test data repeat histories as real data do");
        model.Calls.Should().Be(distinct * 13);
    }

    [Fact]
    public void Bulk_clv_of_no_customers_is_nothing()
    {
        var model = new PoissonModel(1);

        CustomerValuation.Clv(model, [], [], new ValuationOptions(12, 0.01, 1, TimeUnit.Week), []);

        model.Calls.Should().Be(0);
    }

    [Fact]
    public void Bulk_clv_rejects_mismatched_lengths_and_bad_rows_by_number()
    {
        var model = new PoissonModel(1);
        var options = new ValuationOptions(12, 0.01, 1, TimeUnit.Week);
        PurchaseHistory[] histories = [new(1, 2, 3), new(0, 0, 5), new(2, 9, 4)];

        FluentActions.Invoking(() => CustomerValuation.Clv(model, histories, [1.0, 2.0], options, new double[3]))
            .Should().Throw<ArgumentException>().WithMessage("expectedAverageValues has 2 entries but there are 3 customers*");
        FluentActions.Invoking(() => CustomerValuation.Clv(model, histories, [1.0, 2.0, 3.0], options, new double[3], new double[2]))
            .Should().Throw<ArgumentException>().WithMessage("expectedPurchases has 2 entries*");
        FluentActions.Invoking(() => CustomerValuation.Clv(model, histories, [1.0, double.NaN, 3.0], options, new double[3]))
            .Should().Throw<ArgumentException>().WithMessage("Customer row 2: the expected value per purchase must be finite and 0 or more*");
        FluentActions.Invoking(() => CustomerValuation.Clv(model, histories, [1.0, 2.0, 3.0], options, new double[3]))
            .Should().Throw<ArgumentException>().WithMessage("Customer row 3: Recency t_x = 9 cannot exceed*");
    }

    [Fact]
    public void Per_customer_clv_rejects_a_negative_value()
    {
        FluentActions.Invoking(() => CustomerValuation.Clv(new PoissonModel(1), Customer, -1, new ValuationOptions(12, 0.01, 1, TimeUnit.Week)))
            .Should().Throw<ArgumentException>().WithMessage("The expected value per purchase must be finite and 0 or more, was -1.*");
    }

    [Theory]
    [InlineData(0, 0.01, 0.5, "Months", "at least 1 month")]
    [InlineData(12, -0.01, 0.5, "MonthlyDiscountRate", "at least 0 and below 1")]
    [InlineData(12, 1.0, 0.5, "MonthlyDiscountRate", "at least 0 and below 1")]
    [InlineData(12, double.NaN, 0.5, "MonthlyDiscountRate", "at least 0 and below 1")]
    [InlineData(12, 0.01, 0.0, "Margin", "above 0 and at most 1")]
    [InlineData(12, 0.01, 1.5, "Margin", "above 0 and at most 1")]
    public void Options_out_of_range_are_rejected_with_a_clear_message(int months, double rate, double margin, string name, string message)
    {
        var create = () => new ValuationOptions(months, rate, margin, TimeUnit.Week);

        create.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == name && e.Message.Contains(message));
    }

    [Fact]
    public void Annual_discount_rate_converts_to_the_equivalent_monthly_rate()
    {
        ValuationOptions.MonthlyRateFromAnnual(Math.Pow(1.01, 12) - 1).Should().BeApproximately(0.01, 1e-15);
        ValuationOptions.MonthlyRateFromAnnual(0).Should().Be(0);
        FluentActions.Invoking(() => ValuationOptions.MonthlyRateFromAnnual(-0.1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    // Histories on a coarse grid, as customer-day data in weeks are, so many customers share one.
    private static (PurchaseHistory[] Histories, double[] Values) Customers(int count, int seed)
    {
        var random = new Random(seed);
        var histories = new PurchaseHistory[count];
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var age = random.Next(1, 40);
            var frequency = random.Next(0, 4);
            var recency = frequency == 0 ? 0 : random.Next(0, age + 1);
            histories[i] = new PurchaseHistory(frequency, recency, age);
            values[i] = 5 + 100 * random.NextDouble();
        }

        return (histories, values);
    }
}
