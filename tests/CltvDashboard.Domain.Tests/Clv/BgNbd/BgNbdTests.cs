using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Clv.BgNbd;

public class BgNbdTests
{
    private static readonly Lazy<CltvDashboard.Domain.Clv.ModelFit<BgNbdParameters>> CdnowFit =
        new(() => BgNbdFitter.Fit(Cdnow.SampleSummary.Histories()));

    private static readonly BgNbdParameters Published = new(0.243, 4.414, 0.793, 2.426);

    [Fact]
    public void Fit_recovers_published_cdnow_parameters()
    {
        // Fader, Hardie & Lee (2005), Marketing Science 24(2), p. 280.
        var fit = CdnowFit.Value;

        fit.Diagnostics.Converged.Should().BeTrue();
        fit.Diagnostics.OnBoundary.Should().BeFalse();
        Math.Round(fit.Parameters.R, 3).Should().Be(0.243);
        Math.Round(fit.Parameters.Alpha, 3).Should().Be(4.414);
        Math.Round(fit.Parameters.A, 3).Should().Be(0.793);
        Math.Round(fit.Parameters.B, 3).Should().Be(2.426);
        fit.LogLikelihood.Should().BeApproximately(-9582.4, 0.05);
    }

    [Fact]
    public void Fit_reports_standard_errors_for_every_parameter()
    {
        var errors = CdnowFit.Value.StandardErrors;

        errors.Keys.Should().BeEquivalentTo("r", "alpha", "a", "b");
        errors.Values.Should().OnlyContain(e => e.HasValue && e.Value > 0 && double.IsFinite(e.Value));
        // lifetimes reports SEs of about 0.013 (r), 0.38 (alpha), 0.19 (a), 0.71 (b) on this sample.
        errors["r"]!.Value.Should().BeApproximately(0.0125, 0.002);
        errors["alpha"]!.Value.Should().BeApproximately(0.378, 0.03);
    }

    [Fact]
    public void Customer_with_published_history_expects_published_purchases()
    {
        // FHL 2005, p. 280: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks.
        var expected = CdnowFit.Value.Parameters.ExpectedPurchases(new PurchaseHistory(2, 30.43, 38.86), 39);

        expected.Should().BeApproximately(1.226, 0.0005);
    }

    [Fact]
    public void Log_likelihood_of_a_heavy_buyer_does_not_overflow()
    {
        var parameters = new BgNbdParameters(R: 0.25, Alpha: 4, A: 0.8, B: 2.5);

        parameters.LogLikelihood(new PurchaseHistory(200, 38, 40)).Should().BeApproximately(100.7957, 0.00005);
    }

    [Theory]
    [InlineData(0, 0.0, 38.86)]
    [InlineData(1, 0.0, 38.86)]
    [InlineData(10_000, 38.0, 40.0)]
    [InlineData(10_000, 40.0, 40.0)]
    [InlineData(3, 1e-9, 1e-9)]
    [InlineData(0, 0.0, 0.0)]
    public void Predictions_stay_finite_at_extremes(int x, double tx, double age)
    {
        var customer = new PurchaseHistory(x, tx, age);
        var parameters = Published;

        parameters.LogLikelihood(customer).Should().Match(v => double.IsFinite(v));
        parameters.ProbabilityAlive(customer).Should().BeInRange(0, 1);
        parameters.ExpectedPurchases(customer, 39).Should().Match(v => double.IsFinite(v) && v >= 0);
        parameters.ExpectedPurchases(customer, 1e6).Should().Match(v => double.IsFinite(v) && v >= 0);
    }

    [Fact]
    public void One_time_buyer_is_alive_and_recent_buyer_more_alive_than_lapsed_one()
    {
        var p = Published;

        p.ProbabilityAlive(new PurchaseHistory(0, 0, 30)).Should().Be(1.0);
        p.ProbabilityAlive(new PurchaseHistory(5, 30, 31)).Should().BeGreaterThan(p.ProbabilityAlive(new PurchaseHistory(5, 10, 31)));
    }

    [Fact]
    public void Probability_alive_matches_the_closed_form()
    {
        var p = Published;
        var closedForm = 1 / (1 + p.A / (p.B + 3 - 1) * Math.Pow((p.Alpha + 30) / (p.Alpha + 20), p.R + 3));

        p.ProbabilityAlive(new PurchaseHistory(3, 20, 30)).Should().BeApproximately(closedForm, 1e-14);
    }

    [Fact]
    public void Expected_purchases_grow_with_the_horizon()
    {
        var customer = new PurchaseHistory(4, 25, 38);
        var horizons = new[] { 0.0, 1, 5, 13, 26, 52, 104, 520 };

        var expected = horizons.Select(t => Published.ExpectedPurchases(customer, t)).ToArray();

        expected[0].Should().Be(0);
        expected.Should().BeInAscendingOrder();
    }

    [Fact]
    public void Expected_purchases_match_the_literal_hypergeometric_formula()
    {
        // FHL 2005 eq. 10 evaluated term by term for a customer small enough not to overflow.
        var p = Published;
        var (x, tx, age, t) = (2, 30.43, 38.86, 39.0);
        var z = t / (p.Alpha + age + t);
        var hypergeometric = 1.0;
        var term = 1.0;
        for (var n = 0; n < 2000; n++)
        {
            term *= (p.R + x + n) * (p.B + x + n) / ((p.A + p.B + x - 1 + n) * (n + 1)) * z;
            hypergeometric += term;
        }

        var literal = (p.A + p.B + x - 1) / (p.A - 1)
            * (1 - Math.Pow((p.Alpha + age) / (p.Alpha + age + t), p.R + x) * hypergeometric)
            / (1 + p.A / (p.B + x - 1) * Math.Pow((p.Alpha + age) / (p.Alpha + tx), p.R + x));

        p.ExpectedPurchases(new PurchaseHistory(x, tx, age), t).Should().BeApproximately(literal, 1e-10);
    }

    [Fact]
    public void Expected_purchases_are_continuous_through_a_equal_to_one()
    {
        var customer = new PurchaseHistory(3, 20, 30);
        var below = new BgNbdParameters(0.25, 4, 1 - 1e-5, 2.5).ExpectedPurchases(customer, 26);
        var at = new BgNbdParameters(0.25, 4, 1, 2.5).ExpectedPurchases(customer, 26);
        var above = new BgNbdParameters(0.25, 4, 1 + 1e-5, 2.5).ExpectedPurchases(customer, 26);

        at.Should().BeApproximately((below + above) / 2, 1e-5);
    }

    [Fact]
    public void Purchase_count_probabilities_sum_to_one_and_their_mean_is_the_expectation()
    {
        var p = Published;
        foreach (var customer in new[] { new PurchaseHistory(0, 0, 0), new PurchaseHistory(0, 0, 30), new PurchaseHistory(4, 25, 38) })
        {
            var probabilities = Enumerable.Range(0, 400).Select(n => p.ProbabilityOfPurchases(customer, 39, n)).ToArray();

            probabilities.Sum().Should().BeApproximately(1.0, 1e-9);
            probabilities.Select((q, n) => q * n).Sum().Should().BeApproximately(p.ExpectedPurchases(customer, 39), 1e-7);
        }
    }

    [Fact]
    public void New_customer_purchase_probability_matches_the_published_formula()
    {
        // FHL 2005 eq. 8 with x = 0: B(a, b)/B(a, b) · (α/(α+t))^r = (α/(α+t))^r.
        var p = Published;

        p.ProbabilityOfPurchasesNewCustomer(39, 0).Should().BeApproximately(Math.Pow(p.Alpha / (p.Alpha + 39), p.R), 1e-12);
    }

    [Fact]
    public void Population_expectation_tracks_cdnow_cumulative_repeat_purchases()
    {
        // Sum over customers of E[X(T)] against the 2,457 repeat purchases actually seen in calibration.
        var summary = Cdnow.SampleSummary;
        var p = CdnowFit.Value.Parameters;

        var expected = summary.Customers.Sum(c => p.ExpectedPurchasesNewCustomer(c.T));

        expected.Should().BeApproximately(2457, 2457 * 0.02);
    }

    [Fact]
    public void Fit_without_repeat_purchases_fails_with_a_clear_message()
    {
        var histories = Enumerable.Range(0, 100).Select(i => new PurchaseHistory(0, 0, 10 + i)).ToArray();

        var fit = () => BgNbdFitter.Fit(histories);

        fit.Should().Throw<CltvDashboard.Domain.Clv.ModelFitException>().WithMessage("*No customer made a repeat purchase*");
    }

    [Fact]
    public void Fit_without_customers_fails_with_a_clear_message()
    {
        var fit = () => BgNbdFitter.Fit(ReadOnlySpan<PurchaseHistory>.Empty);

        fit.Should().Throw<CltvDashboard.Domain.Clv.ModelFitException>().WithMessage("*at least one customer*");
    }

    [Fact]
    public void Fit_rejects_recency_beyond_age_naming_the_row()
    {
        var fit = () => BgNbdFitter.Fit(new[] { new PurchaseHistory(1, 1, 5), new PurchaseHistory(2, 9, 5) });

        fit.Should().Throw<ArgumentException>().WithMessage("Customer row 2*cannot exceed*");
    }

    [Fact]
    public void Fit_on_identical_customers_finishes_without_nan()
    {
        var histories = Enumerable.Repeat(new PurchaseHistory(3, 20, 30), 500).ToArray();

        var fit = BgNbdFitter.Fit(histories);

        fit.LogLikelihood.Should().Match(v => double.IsFinite(v));
        fit.Parameters.ParameterValues.Values.Should().OnlyContain(v => double.IsFinite(v) && v > 0);
        fit.StandardErrors.Values.Should().OnlyContain(e => e == null || double.IsFinite(e.Value));
        fit.Parameters.ProbabilityAlive(histories[0]).Should().BeInRange(0, 1);
    }

    [Fact]
    public void Fit_on_data_without_dropout_reports_a_on_the_boundary()
    {
        // Poisson buyers who never leave: the likelihood is maximised as the dropout probability goes to 0.
        var random = new Random(7);
        var histories = new PurchaseHistory[3000];
        for (var i = 0; i < histories.Length; i++)
        {
            var age = 20 + 30 * random.NextDouble();
            var rate = 0.5 + random.NextDouble();
            var (x, last, time) = (0, 0.0, 0.0);
            while ((time += -Math.Log(1 - random.NextDouble()) / rate) <= age)
            {
                x++;
                last = time;
            }

            histories[i] = new PurchaseHistory(x, last, age);
        }

        var fit = BgNbdFitter.Fit(histories);

        fit.Diagnostics.ParametersOnBoundary.Should().Contain("a");
        fit.Diagnostics.Warnings.Should().Contain(w => w.StartsWith("No evidence of dropout in the data: BG/NBD's a went to 0", StringComparison.Ordinal));
        fit.LogLikelihood.Should().Match(v => double.IsFinite(v));
        fit.Parameters.ProbabilityAlive(histories[0]).Should().BeApproximately(1.0, 1e-3);
    }

    [Fact]
    public void Analytic_gradient_matches_finite_differences()
    {
        var table = CltvDashboard.Domain.Clv.Fitting.HistoryTable.Create(Cdnow.SampleSummary.Histories());
        GradientCheck.Verify(table, shift: 0);
        GradientCheck.Verify(table, shift: 1);
    }
}
