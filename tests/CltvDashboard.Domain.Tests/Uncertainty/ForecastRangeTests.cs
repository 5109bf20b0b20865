using CltvDashboard.Domain.Uncertainty;

namespace CltvDashboard.Domain.Tests.Uncertainty;

public sealed class ForecastRangeTests
{
    private static readonly ForecastRange Clv = new(100, 80, 130, 70, 150);

    [Fact]
    public void Scaling_by_a_positive_factor_moves_every_bound_in_proportion()
    {
        Clv.Scale(1.1).Should().BeEquivalentTo(new ForecastRange(110, 88, 143, 77, 165), o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-9)).WhenTypeIs<double>());
    }

    [Fact]
    public void Scaling_by_a_negative_factor_keeps_low_below_high()
    {
        var change = Clv.Scale(-0.2);

        change.MostLikely.Should().BeApproximately(-20, 1e-9);
        change.Low80.Should().BeApproximately(-26, 1e-9);
        change.High80.Should().BeApproximately(-16, 1e-9);
        change.Low95.Should().BeApproximately(-30, 1e-9);
        change.High95.Should().BeApproximately(-14, 1e-9);
        change.Within80(change.MostLikely).Should().BeTrue();
    }

    [Fact]
    public void Scaling_by_a_factor_that_is_not_finite_is_refused()
    {
        var act = () => Clv.Scale(double.NaN);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Sharing_a_total_out_divides_every_bound()
    {
        Clv.Per(4).Should().Be(new ForecastRange(25, 20, 32.5, 17.5, 37.5));
    }
}
