using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Queries;

namespace CltvDashboard.Infrastructure.Tests.Queries;

public sealed class AliveCurveTests
{
    private static readonly BgNbdParameters Model = new(0.243, 4.414, 0.793, 2.426);

    [Fact]
    public void Curve_counts_purchase_days_as_the_run_does_and_ends_on_the_model_at_the_observation_end()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        DateTime Utc(int month, int day, int hour) => new(2024, month, day, hour, 0, 0, DateTimeKind.Utc);
        (DateTime, decimal)[] rows =
        [
            (Utc(1, 10, 15), 20m),
            (Utc(1, 10, 18), 5m), // the same day in New York: one occasion worth 25
            (Utc(2, 1, 3), 30m), // 22:00 on 31 January in New York
            (Utc(3, 5, 15), 40m),
            (Utc(3, 5, 16), -40m), // bought and cancelled: not an occasion
            (Utc(4, 2, 15), -10m), // a refund alone: not an occasion
            (Utc(7, 1, 15), 99m), // after the observation end
        ];

        var curve = AliveCurve.Compute(Model, TimeUnit.Week, zone, new DateOnly(2024, 6, 30), rows)!;

        curve.Model.Should().Be("bgnbd");
        curve.Points.Where(p => p.Purchase is not null).Select(p => (p.Day, p.Purchase))
            .Should().Equal((new DateOnly(2024, 1, 10), 25m), (new DateOnly(2024, 1, 31), 30m));
        curve.Points[0].Day.Should().Be(new DateOnly(2024, 1, 10));
        curve.Points[^1].Day.Should().Be(new DateOnly(2024, 6, 30));
        var days = new DateOnly(2024, 6, 30).DayNumber - new DateOnly(2024, 1, 10).DayNumber;
        curve.Points[^1].ProbabilityAlive.Should().Be(Model.ProbabilityAlive(new PurchaseHistory(1, 21 / 7.0, days / 7.0)));
        curve.Points.Should().Contain(p => p.Day == new DateOnly(2024, 1, 30), "the day before a purchase shows where the curve stood");
        curve.Points.Count.Should().BeLessThanOrEqualTo(AliveCurve.GridPoints + 6);
    }

    [Fact]
    public void A_customer_without_a_purchase_day_up_to_the_observation_end_has_no_curve()
    {
        (DateTime, decimal)[] rows = [(new DateTime(2024, 8, 1, 12, 0, 0, DateTimeKind.Utc), 10m), (new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc), -10m)];

        AliveCurve.Compute(Model, TimeUnit.Week, TimeZoneInfo.Utc, new DateOnly(2024, 6, 30), rows).Should().BeNull();
    }
}
