using System.Diagnostics;
using Xunit.Abstractions;

namespace CltvDashboard.Domain.Tests.Uncertainty;

/// <summary>The ranges cover what happens as often as they say, on simulated bases whose parameters are known.</summary>
public class ForecastRangesCoverageTests(ITestOutputHelper output)
{
    [Fact]
    public void Holdout_ranges_cover_the_realised_totals_and_customers_at_their_levels_over_40_replications()
    {
        var watch = Stopwatch.StartNew();
        var result = RangeCoverage.Run(40, firstSeed: 1_000);
        output.WriteLine($"{result} in {watch.Elapsed.TotalSeconds:F1} s");

        // With 40 replications a well-calibrated 80 % range covers 80 % ± 6.3 % (one binomial standard error): the
        // bounds here are three of them, so that only a miscalibrated range fails.
        result.Total80.Should().BeInRange(0.61, 0.99);
        result.Total95.Should().BeGreaterThanOrEqualTo(0.85);
        result.Customers80.Should().BeGreaterThanOrEqualTo(0.8);
        result.WorstCustomers80.Should().BeGreaterThanOrEqualTo(0.8);
        result.Customers95.Should().BeGreaterThanOrEqualTo(0.95);
    }

    // The acceptance figure: about a minute on two cores, so it is kept out of a filtered quick run; CI runs it.
    [Fact]
    [Trait("Category", "Long")]
    public void Holdout_ranges_cover_the_realised_totals_at_their_levels_over_200_replications()
    {
        var watch = Stopwatch.StartNew();
        var result = RangeCoverage.Run(200, firstSeed: 1);
        output.WriteLine($"{result} in {watch.Elapsed.TotalSeconds:F1} s");

        result.Total80.Should().BeInRange(0.7, 0.9);
        result.Total95.Should().BeInRange(0.9, 0.99);
        result.Customers80.Should().BeGreaterThanOrEqualTo(0.8);
        result.WorstCustomers80.Should().BeGreaterThanOrEqualTo(0.8);
    }
}
