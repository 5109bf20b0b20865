using CltvDashboard.Domain.Analysis;

namespace CltvDashboard.Domain.Tests.Analysis;

public sealed class ValueHistogramTests
{
    [Fact]
    public void Skewed_values_are_spread_over_bars_of_about_a_tenth_each_with_round_edges()
    {
        // 70 % of customers between 5 and 7, a long tail up to 5,000: equal-width bars would put 97 % in the first.
        var values = Enumerable.Range(0, 700).Select(i => 5m + (i / 350m))
            .Concat(Enumerable.Range(0, 300).Select(i => Math.Round(7m * (decimal)Math.Pow(1.022, i), 4)))
            .Order().ToList();

        var bars = ValueHistogram.Bars(values);

        bars.Sum(b => b.Customers).Should().Be(1000);
        bars.Max(b => b.Customers).Should().BeLessThanOrEqualTo(150, "no bar holds much more than a tenth");
        bars.Should().HaveCount(12);
        bars[0].From.Should().Be(0);
        bars[^1].To.Should().BeNull();
        bars.Zip(bars.Skip(1)).Should().OnlyContain(p => p.First.To == p.Second.From);
        bars.Skip(1).Select(b => b.From).Should().OnlyContain(edge => Significant(edge) <= 2, "edges read as round amounts");
        bars.Sum(b => b.Total).Should().Be(values.Sum());
    }

    [Fact]
    public void Each_value_is_in_the_bar_from_its_lower_edge_up_to_the_next()
    {
        var values = new[] { 0m, 1.234m, 1.25m, 2m, 2m, 2m, 3.999m, 10m, 120m, 121m }.Order().ToList();

        var bars = ValueHistogram.Bars(values);

        foreach (var bar in bars)
        {
            bar.Customers.Should().Be(values.Count(v => v >= bar.From && (bar.To is null || v < bar.To)));
        }
    }

    [Fact]
    public void Many_customers_of_one_value_share_one_bar_rather_than_empty_bars_around_it()
    {
        var values = Enumerable.Repeat(0m, 80).Concat(Enumerable.Range(1, 20).Select(i => (decimal)i)).ToList();

        var bars = ValueHistogram.Bars(values);

        // The deciles up to the 80th are all 0; the 90th percentile (the 90th value, 10) is the first edge above it.
        bars[0].Should().Be(new ValueBar(0, 10, 89, 45));
        bars.Select(b => b.From).Should().Equal(0, 10, 15, 19);
        bars.Should().OnlyContain(b => b.Customers > 0);
    }

    [Fact]
    public void No_values_give_no_bars_and_negative_values_start_below_zero()
    {
        ValueHistogram.Bars([]).Should().BeEmpty();
        ValueHistogram.Bars([-3.5m, 4m])[0].From.Should().Be(-4);
    }

    private static int Significant(decimal value)
    {
        var digits = value.ToString(System.Globalization.CultureInfo.InvariantCulture).Replace(".", "", StringComparison.Ordinal).Trim('0');
        return digits.Length;
    }
}
