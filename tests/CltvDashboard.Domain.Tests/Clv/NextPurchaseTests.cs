using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Clv.ParetoNbd;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Clv;

public class NextPurchaseTests
{
    private const double Day = 1 / 7.0;

    private const double NinetyDays = 90 / 7.0;

    public static TheoryData<string> Models => [BgNbdParameters.ModelName, MbgNbdParameters.ModelName, ParetoNbdParameters.ModelName];

    [Theory]
    [MemberData(nameof(Models))]
    public void Time_to_even_chance_solves_its_equation_to_within_a_day(string name)
    {
        var model = Published(name);
        var dated = 0;
        foreach (var customer in CdnowCustomers.Spread())
        {
            var time = NextPurchase.TimeToEvenChance(model, customer);
            if (time is not { } t)
            {
                model.ProbabilityOfPurchase(customer, double.PositiveInfinity).Should().BeLessThanOrEqualTo(0.5, customer.ToString());
                continue;
            }

            dated++;
            t.Should().BePositive();
            model.ProbabilityOfPurchase(customer, t).Should().BeApproximately(0.5, 1e-9, customer.ToString());
            model.ProbabilityOfPurchase(customer, Math.Max(t - Day, 0)).Should().BeLessThan(0.5, customer.ToString());
            model.ProbabilityOfPurchase(customer, t + Day).Should().BeGreaterThan(0.5, customer.ToString());
        }

        dated.Should().BeGreaterThan(3);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Time_to_even_chance_agrees_with_a_search_on_the_chance_of_buying_again(string name)
    {
        var model = Published(name);
        foreach (var customer in CdnowCustomers.Spread())
        {
            var searched = NextPurchase.SolveIncreasing(t => model.ProbabilityOfPurchase(customer, t), 0.5, model.ProbabilityOfPurchase(customer, double.PositiveInfinity));

            var time = NextPurchase.TimeToEvenChance(model, customer);

            if (searched is null)
            {
                time.Should().BeNull(customer.ToString());
            }
            else
            {
                time.Should().BeApproximately(searched.Value, 1e-6 * (1 + searched.Value), customer.ToString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Customer_more_likely_gone_than_not_has_no_expected_next_purchase(string name)
    {
        var model = Published(name);
        var lapsed = new PurchaseHistory(4, 3, 78);

        model.ProbabilityAlive(lapsed).Should().BeLessThan(0.5);
        NextPurchase.TimeToEvenChance(model, lapsed).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void One_time_buyer_of_long_ago_has_a_low_chance_of_buying_again(string name)
    {
        var model = Published(name);
        var oneTimeLongAgo = new PurchaseHistory(0, 0, 78);

        model.ProbabilityOfPurchase(oneTimeLongAgo, NinetyDays).Should().BeLessThan(0.05);
        if (NextPurchase.TimeToEvenChance(model, oneTimeLongAgo) is { } t)
        {
            t.Should().BeGreaterThan(10 * 52, "an even chance of a next purchase lies decades away");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Frequent_recent_buyer_has_a_high_chance_and_a_next_purchase_within_weeks(string name)
    {
        var model = Published(name);
        var frequentRecent = new PurchaseHistory(20, 77, 78);

        model.ProbabilityOfPurchase(frequentRecent, NinetyDays).Should().BeGreaterThan(0.85);
        NextPurchase.TimeToEvenChance(model, frequentRecent).Should().BeInRange(0.5, 6);
    }

    [Fact]
    public void Time_to_even_chance_of_the_beta_geometric_models_is_the_published_power_inverted()
    {
        // (α+T)·(q^(−1/(r+x)) − 1) with q = 1 − 1/(2 P(alive)).
        var model = (BgNbdParameters)Published(BgNbdParameters.ModelName);
        var customer = new PurchaseHistory(2, 30.43, 38.86);
        var q = 1 - 1 / (2 * model.ProbabilityAlive(customer));

        NextPurchase.TimeToEvenChance(model, customer).Should().BeApproximately((model.Alpha + 38.86) * (Math.Pow(q, -1 / (model.R + 2)) - 1), 1e-9);
    }

    private static IPurchaseCountModel Published(string name) => name switch
    {
        // Fader, Hardie & Lee (2005), Batislam et al. (2007) and Fader & Hardie (2005) on the CDNOW sample, in weeks.
        BgNbdParameters.ModelName => new BgNbdParameters(0.243, 4.414, 0.793, 2.426),
        MbgNbdParameters.ModelName => new MbgNbdParameters(0.525, 6.183, 0.891, 1.614),
        _ => new ParetoNbdParameters(0.553, 10.578, 0.606, 11.669),
    };
}
