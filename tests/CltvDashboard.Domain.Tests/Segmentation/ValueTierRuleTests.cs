using CltvDashboard.Domain.Segmentation;

namespace CltvDashboard.Domain.Tests.Segmentation;

public class ValueTierRuleTests
{
    [Fact]
    public void Top_and_middle_shares_are_rounded_up_to_whole_customers()
    {
        var rule = new ValueTierRule(TopShare: 0.2, MiddleShare: 0.3);
        double[] values = [10, 9, 8, 7, 6, 5, 4];

        var tiers = rule.Assign(values);

        // ⌈7 × 0.2⌉ = 2 at the top, ⌈7 × 0.5⌉ = 4 down to the middle's end, 3 low.
        tiers.Should().Equal("Top", "Top", "Middle", "Middle", "Low", "Low", "Low");
    }

    [Fact]
    public void Tiers_follow_value_not_input_order()
    {
        var rule = new ValueTierRule(0.2, 0.3);
        double[] values = [1, 50, 3, 40, 2, 30, 4, 20, 5, 10];

        var tiers = rule.Assign(values);

        tiers.Should().Equal("Low", "Top", "Low", "Top", "Low", "Middle", "Low", "Middle", "Low", "Middle");
    }

    [Fact]
    public void Exact_shares_give_tiers_of_exactly_those_sizes()
    {
        var rule = new ValueTierRule(0.2, 0.3);

        var tiers = rule.Assign([.. Enumerable.Range(0, 10).Select(i => 100.0 - i)]);

        tiers.Count(t => t == ValueTierRule.Top).Should().Be(2);
        tiers.Count(t => t == ValueTierRule.Middle).Should().Be(3);
        tiers.Count(t => t == ValueTierRule.Low).Should().Be(5);
    }

    [Fact]
    public void No_customers_have_no_tiers() => new ValueTierRule(0.2, 0.3).Assign([]).Should().BeEmpty();
}
