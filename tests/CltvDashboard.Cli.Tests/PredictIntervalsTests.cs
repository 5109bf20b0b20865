using System.Globalization;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Uncertainty;

namespace CltvDashboard.Cli.Tests;

public class PredictIntervalsTests
{
    private const string RangeColumns = "expected_purchases_low,expected_purchases_high,clv_low,clv_high";

    [Fact]
    public void Intervals_append_four_columns_after_the_unchanged_rows_of_a_run_without_them()
    {
        using var folder = new TemporaryFolder();
        var plain = folder.Combine("plain.csv");
        var ranged = folder.Combine("ranged.csv");

        var plainRun = CliRun.Of("predict", "-i", CliRun.Sample, "--calibration-end", "1997-09-30", "-o", plain, "-q");
        var rangedRun = CliRun.Of("predict", "-i", CliRun.Sample, "--calibration-end", "1997-09-30", "--intervals", "-o", ranged, "-q");

        plainRun.ExitCode.Should().Be(0, plainRun.Error);
        rangedRun.ExitCode.Should().Be(0, rangedRun.Error);
        rangedRun.Error.Should().NotContain("leave out", "BG/NBD's CDNOW fit has standard errors");
        var without = File.ReadAllLines(plain);
        var with = File.ReadAllLines(ranged);
        without[0].Should().NotContain("_low").And.NotContain("_high");
        with[0].Should().Be($"{without[0]},{RangeColumns}");
        with.Should().HaveSameCount(without);
        for (var row = 1; row < with.Length; row++)
        {
            with[row].Should().StartWith(without[row] + ",");
            with[row].Split(',').Should().HaveCount(without[row].Split(',').Length + 4);
        }
    }

    [Theory]
    [InlineData("1997-09-30")]
    [InlineData(null)]
    public void Every_cdnow_customers_ranges_hold_their_forecasts(string? calibrationEnd)
    {
        using var folder = new TemporaryFolder();
        var output = folder.Combine("p.csv");
        var holdout = calibrationEnd is null ? [] : new[] { "--calibration-end", calibrationEnd };

        var run = CliRun.Of(["predict", "-i", CliRun.Sample, .. holdout, "--intervals", "-o", output, "-q"]);

        run.ExitCode.Should().Be(0, run.Error);
        var rows = Rows(output);
        rows.Should().HaveCount(2357);
        foreach (var row in rows)
        {
            var id = row["customer_id"];
            var (low, high) = (Number(row, "expected_purchases_low"), Number(row, "expected_purchases_high"));
            var (clvLow, clvHigh) = (Number(row, "clv_low"), Number(row, "clv_high"));
            var expected = Number(row, "expected_purchases");
            low.Should().BeGreaterThanOrEqualTo(0, id).And.BeLessThanOrEqualTo(high, id);
            low.Should().Be(Math.Floor(low), "purchases are counted in whole numbers");
            high.Should().Be(Math.Floor(high), "purchases are counted in whole numbers");
            clvLow.Should().BeGreaterThanOrEqualTo(0, id).And.BeLessThanOrEqualTo(clvHigh, id);
            low.Should().BeLessThanOrEqualTo(expected, id);
            clvLow.Should().BeLessThanOrEqualTo(Number(row, "clv"), id);
            if (high > 0)
            {
                expected.Should().BeLessThanOrEqualTo(high, id);
            }
        }

        rows.Should().Contain(row => Number(row, "expected_purchases_high") > Number(row, "expected_purchases_low") + 1, "a repeat buyer's purchases are uncertain");
        rows.Should().Contain(row => Number(row, "clv_high") > Number(row, "clv_low"));
    }

    [Fact]
    public void Purchase_ranges_are_the_domains_over_the_horizon_of_expected_purchases()
    {
        using var folder = new TemporaryFolder();
        var output = folder.Combine("p.csv");
        var summary = CdnowSample.Summary(null);
        var histories = summary.Histories();
        var fit = CountModelCatalog.Get(BgNbdParameters.ModelName).Fit(histories);
        var ranges = ForecastRanges.Compute(fit, histories, 52, new RangeOptions()).Customers();

        var run = CliRun.Of("predict", "-i", CliRun.Sample, "--model", "bgnbd", "--horizon", "52", "--intervals", "-o", output, "-q");

        run.ExitCode.Should().Be(0, run.Error);
        var rows = Rows(output);
        for (var i = 0; i < summary.Customers.Count; i++)
        {
            var row = rows[i];
            row["customer_id"].Should().Be(summary.Customers[i].CustomerId);
            Number(row, "expected_purchases_low").Should().Be(ranges.PurchasesLow80[i], row["customer_id"]);
            Number(row, "expected_purchases_high").Should().Be(ranges.PurchasesHigh80[i], row["customer_id"]);
        }
    }

    [Fact]
    public void Longer_horizons_widen_the_purchase_ranges_but_not_the_clv_ranges()
    {
        using var folder = new TemporaryFolder();
        var quarter = folder.Combine("quarter.csv");
        var twoYears = folder.Combine("two-years.csv");

        CliRun.Of("predict", "-i", CliRun.Sample, "--horizon", "13", "--intervals", "-o", quarter, "-q").ExitCode.Should().Be(0);
        CliRun.Of("predict", "-i", CliRun.Sample, "--horizon", "104", "--intervals", "-o", twoYears, "-q").ExitCode.Should().Be(0);

        var inQuarter = Rows(quarter).ToDictionary(r => r["customer_id"]);
        var inTwoYears = Rows(twoYears).ToDictionary(r => r["customer_id"]);
        inQuarter.Should().OnlyContain(p => Number(p.Value, "expected_purchases_high") <= Number(inTwoYears[p.Key], "expected_purchases_high"));
        inQuarter.Should().Contain(p => Number(p.Value, "expected_purchases_high") < Number(inTwoYears[p.Key], "expected_purchases_high"));
        inQuarter.Should().OnlyContain(p => p.Value["clv_low"] == inTwoYears[p.Key]["clv_low"] && p.Value["clv_high"] == inTwoYears[p.Key]["clv_high"],
            "the CLV's range spans the CLV's months whatever the horizon of expected_purchases");
    }

    [Fact]
    public void Intervals_of_a_fit_without_standard_errors_warn_that_they_leave_out_the_parameters()
    {
        using var folder = new TemporaryFolder();
        var output = folder.Combine("p.csv");
        // Customers who buy at a steady pace to the end of the data: no dropout, so Pareto/NBD's s and β run to their
        // boundaries and its Hessian is singular.
        var lines = new List<string> { "customer_id,date,amount" };
        int[] paces = [7, 14, 21, 30];
        for (var customer = 0; customer < 300; customer++)
        {
            for (var (day, k) = (customer % 61, 0); day < 365; day += paces[customer % paces.Length], k++)
            {
                lines.Add(FormattableString.Invariant($"c{customer},{new DateOnly(2024, 1, 1).AddDays(day):yyyy-MM-dd},{10 + ((customer * 7) + (k * 13)) % 40}.50"));
            }
        }

        var input = folder.File("steady.csv", string.Join('\n', lines));

        var run = CliRun.Of("predict", "-i", input, "--model", "paretonbd", "--intervals", "-o", output, "-q");

        run.ExitCode.Should().Be(0, run.Error);
        run.Error.Should().Contain("paretonbd: without standard errors the 80% ranges leave out the parameters' uncertainty");
        var rows = Rows(output);
        rows.Should().HaveCount(300).And.OnlyContain(row => Number(row, "expected_purchases_low") <= Number(row, "expected_purchases_high"));
    }

    private static List<Dictionary<string, string>> Rows(string file)
    {
        var lines = File.ReadAllLines(file);
        var header = lines[0].Split(',');
        header[^4..].Should().Equal(RangeColumns.Split(','));
        return [.. lines.Skip(1).Select(line => header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }

    private static double Number(Dictionary<string, string> row, string column) => double.Parse(row[column], CultureInfo.InvariantCulture);
}
