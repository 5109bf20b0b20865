using CltvDashboard.Domain.Uncertainty;

namespace CltvDashboard.Domain.Tests.Uncertainty;

public class RangeNarrowingTests
{
    // 80 % half-width = 1.2816 · √(σ²_parameters + σ²_process).
    private static TotalRanges Total(double mean, double parameterSpread, double processSpread)
    {
        var half = 1.2815515655446004 * Math.Sqrt((parameterSpread * parameterSpread) + (processSpread * processSpread));
        var purchases = new ForecastRange(mean, mean - half, mean + half, mean - (1.6 * half), mean + (1.6 * half));
        return new TotalRanges(500, purchases, null, null, purchases, parameterSpread, processSpread);
    }

    [Fact]
    public void A_range_already_narrow_enough_needs_nothing_more_and_says_nothing()
    {
        var advice = RangeNarrowing.Advise(Total(1000, 20, 20), 0.1, 200, 10);

        advice.MoreRepeatCustomers.Should().Be(0);
        advice.Sentence("expected purchases").Should().BeNull();
    }

    [Fact]
    public void A_range_wide_from_the_parameters_needs_repeat_customers_in_proportion_to_their_variance()
    {
        // Parameters σ = 150, process σ = 30 on 1000: ± 19.6 %. ± 10 % leaves (100/1.2816)² − 30² = 5188 for the
        // parameters, whose variance 22500 at 200 repeat customers falls to it at 200 · 22500 / 5188 = 868 of them.
        var advice = RangeNarrowing.Advise(Total(1000, 150, 30), 0.1, 200, 10);

        advice.Reachable.Should().BeTrue();
        var room = Math.Pow(100 / 1.2815515655446004, 2) - (30 * 30);
        advice.MoreRepeatCustomers.Should().Be((int)Math.Ceiling(200 * 150.0 * 150 / room) - 200);
        advice.MoreMonths.Should().Be((int)Math.Ceiling(advice.MoreRepeatCustomers!.Value / 10.0));
        advice.Sentence("expected purchases").Should().Be(
            $"The 80 % range of total expected purchases is ± 20 %; about {advice.MoreRepeatCustomers:N0} more repeat customers, about {advice.MoreMonths:N0} more months of data at the current pace would narrow it to ± 10 %.");
    }

    [Fact]
    public void A_range_wide_from_the_purchase_process_itself_is_out_of_reach_and_says_why()
    {
        var advice = RangeNarrowing.Advise(Total(100, 2, 12), 0.1, 50, 3);

        advice.Reachable.Should().BeFalse();
        advice.MoreRepeatCustomers.Should().BeNull();
        advice.Sentence("expected purchases").Should().Contain("which more history does not narrow");
    }

    [Fact]
    public void A_target_outside_zero_to_one_is_refused_with_an_example()
    {
        var act = () => RangeNarrowing.Advise(Total(100, 2, 2), 10, 50, 3);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*(0.1 for ± 10 %)*");
    }
}
