using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Clv.ParetoNbd;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.TestSupport.Simulation;

namespace CltvDashboard.Domain.Tests.Clv.BgNbd;

/// <summary>Fits at the edges of the BG/NBD family's parameter space are reported as their limit models and predict as those.</summary>
public class BgNbdLimitTests
{
    private const double HoldoutWeeks = 26;

    // Nobody ever drops out: p ~ Beta(1e-9, 1) is 0 to within 1e-300 for every customer.
    private static readonly Lazy<SimulatedCustomer[]> NoDropout = new(() =>
        CustomerBaseSimulator.SimulateHistories(new CustomerBaseScenario(4000, new BgNbdProcess(0.9, 6, 1e-9, 1), new ObservationWindow(26, 52, HoldoutWeeks), 31)));

    // Everybody drops out with the same probability 0.3 after each repeat purchase.
    private static readonly Lazy<SimulatedCustomer[]> SameDropout = new(() =>
        CustomerBaseSimulator.SimulateHistories(new CustomerBaseScenario(4000, new BgNbdProcess(0.9, 6, 3e8, 7e8), new ObservationWindow(26, 52, HoldoutWeeks), 32)));

    public static TheoryData<string> CountModels => [.. CountModelCatalog.Names];

    [Theory]
    [MemberData(nameof(CountModels))]
    public void Fit_on_data_without_dropout_says_so_and_forecasts_the_holdout_like_the_truth(string model)
    {
        var customers = NoDropout.Value;
        var histories = customers.Select(c => c.History).ToArray();

        var fit = CountModelCatalog.Get(model).Fit(histories);

        var name = CountModelCatalog.DisplayName(model);
        fit.Diagnostics.Limits.Should().ContainSingle().Which.Should().StartWith($"No evidence of dropout in the data: {name}'s");
        fit.Diagnostics.Warnings.Should().Contain(fit.Diagnostics.Limits[0]);
        fit.Diagnostics.Converged.Should().BeTrue();
        fit.Model.ParameterValues.Values.Should().OnlyContain(v => double.IsFinite(v) && v > 0);
        var expected = histories.Select(h => fit.Model.ExpectedPurchases(h, HoldoutWeeks)).ToArray();
        expected.Should().OnlyContain(e => double.IsFinite(e) && e > 0, "nobody is predicted to stop buying altogether when nobody drops out");
        histories.Average(fit.Model.ProbabilityAlive).Should().BeGreaterThan(0.99);

        // Against the truth of the simulation: the holdout's actual total, within 5 % (its sampling error is about 2 %).
        var actual = customers.Sum(c => c.HoldoutPurchases);
        expected.Sum().Should().BeApproximately(actual, 0.05 * actual);
    }

    [Theory]
    [MemberData(nameof(CountModels))]
    public void Without_dropout_the_chance_of_buying_again_still_spreads_customers_over_the_churn_bands(string model)
    {
        var histories = NoDropout.Value.Select(c => c.History).ToArray();
        var fit = CountModelCatalog.Get(model).Fit(histories);
        var rule = new ChurnRiskRule(0.3, 0.6);
        var window = 90 / 7.0;

        var bands = histories.Select(h => rule.Band(fit.Model.ProbabilityOfPurchase(h, window))).ToList();
        var longAgoOnce = new PurchaseHistory(0, 0, 78);

        bands.Distinct().Should().HaveCountGreaterThan(1, "P(alive) is 1 for everybody here, but slow buyers are less likely to buy within the window");
        bands.GroupBy(b => b).Max(g => g.Count()).Should().BeLessThan(histories.Length * 9 / 10);
        rule.Band(fit.Model.ProbabilityOfPurchase(longAgoOnce, window)).Should().Be(ChurnRiskRule.High, "one purchase 18 months ago");
        fit.Model.ProbabilityAlive(longAgoOnce).Should().BeGreaterThan(0.95, "without dropout the model still thinks they are a customer");
    }

    [Fact]
    public void Bg_nbd_on_data_without_dropout_predicts_as_the_nbd()
    {
        var histories = NoDropout.Value.Select(c => c.History).ToArray();

        var fit = BgNbdFitter.Fit(histories);

        // The NBD: a customer's rate has the posterior Gamma(r + x, α + T), so E[Y(t)] = (r + x) t / (α + T).
        var p = fit.Parameters;
        foreach (var history in histories.Take(50))
        {
            var nbd = (p.R + history.Frequency) * HoldoutWeeks / (p.Alpha + history.T);
            p.ExpectedPurchases(history, HoldoutWeeks).Should().BeApproximately(nbd, 1e-6 * nbd);
        }
    }

    [Theory]
    [InlineData("bgnbd")]
    [InlineData("mbgnbd")]
    public void Fit_where_everyone_drops_out_alike_predicts_finite_holdout_purchases_near_the_truth(string model)
    {
        var customers = SameDropout.Value;
        var histories = customers.Select(c => c.History).ToArray();

        var fit = CountModelCatalog.Get(model).Fit(histories);

        var values = fit.Model.ParameterValues;
        var meanDropout = values["a"] / (values["a"] + values["b"]);
        if (values["a"] + values["b"] > BetaGeometricLimits.PointMassConcentration)
        {
            fit.Diagnostics.Limits.Should().ContainSingle().Which.Should().StartWith("Every customer has the same chance of dropping out after a purchase");
            fit.Diagnostics.Converged.Should().BeTrue();
        }

        var expected = histories.Select(h => fit.Model.ExpectedPurchases(h, HoldoutWeeks)).ToArray();
        expected.Should().OnlyContain(e => double.IsFinite(e) && e >= 0);
        var actual = customers.Sum(c => c.HoldoutPurchases);
        expected.Sum().Should().BeApproximately(actual, 0.1 * actual);
        if (model == "bgnbd")
        {
            meanDropout.Should().BeApproximately(0.3, 0.05);
        }
    }

    [Fact]
    public void Point_mass_closed_form_agrees_with_the_beta_just_before_the_limit()
    {
        // a + b = 1e5 still goes through the hypergeometric series; 1e7 through the limit's closed form.
        var history = new PurchaseHistory(4, 30, 52);
        var nearly = new BgNbdParameters(0.9, 6, 0.3e5, 0.7e5);
        var limit = new BgNbdParameters(0.9, 6, 0.3e7, 0.7e7);

        var series = nearly.ExpectedPurchases(history, HoldoutWeeks);
        var closed = limit.ExpectedPurchases(history, HoldoutWeeks);

        closed.Should().BeApproximately(series, 1e-3 * series);
        limit.LogLikelihood(history).Should().BeApproximately(nearly.LogLikelihood(history), 1e-3);
    }

    [Fact]
    public void Issue_fit_with_a_beta_run_off_to_1e11_predicts_finite_purchases()
    {
        var model = new BgNbdParameters(0.24, 4.4, 2.5e11, 3.75e11);

        var expected = model.ExpectedPurchases(new PurchaseHistory(3, 20, 40), 39);

        // One dropout probability 0.4: (1 − ((α+T)/(α+T+pt))^(r+x)) / p times P(alive).
        var p = 0.4;
        var ifAlive = (1 - Math.Pow((4.4 + 40) / (4.4 + 40 + (p * 39)), 0.24 + 3)) / p;
        var alive = 1 / (1 + (p / (1 - p) * Math.Pow((4.4 + 40) / (4.4 + 20), 3.24)));
        expected.Should().BeApproximately(ifAlive * alive, 1e-9);
    }

    [Fact]
    public void Pareto_nbd_without_dropout_reports_its_limit()
    {
        var histories = NoDropout.Value.Select(c => c.History).ToArray();

        var fit = ParetoNbdFitter.Fit(histories);

        fit.Diagnostics.Limits.Should().ContainSingle();
    }
}
