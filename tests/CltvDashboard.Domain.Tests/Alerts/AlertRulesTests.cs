using CltvDashboard.Domain.Alerts;
using CltvDashboard.Domain.Segmentation;

namespace CltvDashboard.Domain.Tests.Alerts;

public class AlertRulesTests
{
    private static readonly ChurnRiskRule ChurnRisk = new(HighBelow: 0.3, MediumBelow: 0.6);
    private static readonly DateOnly Today = new(2025, 6, 30);
    private static readonly HashSet<long> NoneOpen = [];

    private static AlertCustomer Customer(long id, string tier = ValueTierRule.Top, double? chance = 0.5, decimal clv = 100m, int repeats = 3, DateOnly? next = null) =>
        new(id, tier, repeats, chance, clv, next);

    private static Dictionary<long, AlertCustomer> ById(params AlertCustomer[] customers) => customers.ToDictionary(c => c.CustomerId);

    [Fact]
    public void High_value_rule_fires_for_top_tier_customers_whose_chance_crossed_below_the_high_risk_limit()
    {
        var previous = ById(Customer(1, chance: 0.45), Customer(2, chance: 0.31), Customer(3, chance: 0.25), Customer(4, chance: 0.7), Customer(5, chance: 0.5));
        var current = new[]
        {
            Customer(1, chance: 0.29, clv: 50m),
            Customer(2, chance: 0.10, clv: 300m),
            Customer(3, chance: 0.20),
            Customer(4, tier: ValueTierRule.Middle, chance: 0.1),
            Customer(5, chance: 0.3),
            Customer(6, chance: 0.1),
        };

        var outcome = AlertRules.HighValueAtRisk(current, previous, ChurnRisk, NoneOpen);

        outcome.Fired.Select(c => c.CustomerId).Should().Equal([2, 1], "highest predicted CLV first; 3 was already at high risk, 4 is not top tier, 5 sits on the limit, 6 has no previous run");
        outcome.Fired[0].PreviousPurchaseProbability.Should().Be(0.31);
        outcome.Fired[0].PurchaseProbability.Should().Be(0.10);
        outcome.Recovered.Should().BeEmpty();
    }

    [Fact]
    public void High_value_rule_names_an_alerted_customer_again_only_after_they_recovered()
    {
        var fell = AlertRules.HighValueAtRisk([Customer(1, chance: 0.1)], ById(Customer(1, chance: 0.5)), ChurnRisk, NoneOpen);
        fell.Fired.Should().ContainSingle();

        HashSet<long> open = [1];
        var stillDown = AlertRules.HighValueAtRisk([Customer(1, chance: 0.05)], ById(Customer(1, chance: 0.5)), ChurnRisk, open);
        stillDown.Fired.Should().BeEmpty("the customer is alerted and has not recovered");
        stillDown.Recovered.Should().BeEmpty();

        var recovered = AlertRules.HighValueAtRisk([Customer(1, chance: 0.4)], ById(Customer(1, chance: 0.1)), ChurnRisk, open);
        recovered.Recovered.Should().Equal(1);
        recovered.Fired.Should().BeEmpty();

        var droppedTier = AlertRules.HighValueAtRisk([Customer(1, tier: ValueTierRule.Low, chance: 0.1)], ById(Customer(1, chance: 0.1)), ChurnRisk, open);
        droppedTier.Recovered.Should().Equal([1L], "no longer a high-value customer at risk");
    }

    [Fact]
    public void Overdue_rule_fires_for_regulars_past_their_day_by_more_than_the_days_set_by_predicted_clv()
    {
        var current = new[]
        {
            Customer(1, clv: 10m, next: Today.AddDays(-31)),
            Customer(2, clv: 90m, next: Today.AddDays(-60)),
            Customer(3, clv: 500m, next: Today.AddDays(-30)),
            Customer(4, clv: 900m, repeats: 1, next: Today.AddDays(-90)),
            Customer(5, clv: 900m, next: null),
        };

        var outcome = AlertRules.Overdue(current, moreThanDays: 30, Today, NoneOpen);

        outcome.Fired.Select(c => (c.CustomerId, c.DaysOverdue)).Should().Equal([(2L, (int?)60), (1L, (int?)31)],
            "30 days is not more than 30; a one-time buyer is no regular; a customer not expected has no day");
    }

    [Fact]
    public void Overdue_rule_judges_nobody_when_the_data_ended_too_long_ago()
    {
        var current = new[] { Customer(1, next: Today.AddDays(-100)) };

        var outcome = AlertRules.Overdue(current, 0, judgedOn: null, open: new HashSet<long> { 1 });

        outcome.Fired.Should().BeEmpty();
        outcome.Recovered.Should().BeEmpty("without a day to judge on nobody can be said to have recovered either");
    }

    [Fact]
    public void Overdue_rule_recovers_a_customer_who_bought_again()
    {
        var outcome = AlertRules.Overdue([Customer(1, next: Today.AddDays(20))], 30, Today, new HashSet<long> { 1 });

        outcome.Recovered.Should().Equal(1);
    }

    [Fact]
    public void Segment_change_fires_beyond_the_percentage_either_way_and_never_for_a_segment_empty_before()
    {
        var sizes = new[]
        {
            new SegmentSize("rfm", "At Risk", 121, 100),
            new SegmentSize("rfm", "Champions", 70, 100),
            new SegmentSize("rfm", "Loyal", 120, 100),
            new SegmentSize("rfm", "New", 40, 0),
        };

        var fired = AlertRules.SegmentChanges(sizes, 20);

        fired.Select(s => s.Segment).Should().Equal("Champions", "At Risk");
        fired[0].ChangePercent.Should().BeApproximately(-30, 1e-9);
    }

    [Theory]
    [InlineData(true, 0, true)]
    [InlineData(false, 1, true)]
    [InlineData(false, 0, false)]
    public void A_run_is_a_problem_when_it_failed_or_has_warnings(bool failed, int warnings, bool problem) =>
        AlertRules.IsRunProblem(failed, Enumerable.Repeat("A fit is on a boundary.", warnings).ToList()).Should().Be(problem);

    [Theory]
    [InlineData(-1, 20)]
    [InlineData(30, 0.5)]
    [InlineData(30, double.NaN)]
    [InlineData(3651, 20)]
    public void Settings_out_of_range_are_refused(int days, double percent) =>
        new AlertRuleSettings(OverdueDays: days, SegmentChangePercent: percent).Validate().Should().NotBeEmpty();

    [Fact]
    public void Every_rule_is_on_by_default() =>
        Enum.GetValues<AlertRuleKind>().Should().OnlyContain(k => AlertRuleSettings.Defaults.IsEnabled(k));
}
