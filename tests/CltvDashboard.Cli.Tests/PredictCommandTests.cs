using System.Globalization;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Cli.Tests;

public class PredictCommandTests
{
    private const string Columns = "customer_id,frequency,recency,T,monetary_value,probability_alive,expected_purchases,expected_average_value,clv";

    private const string LastColumns = "purchase_probability,next_purchase_date";

    [Fact]
    public void Predict_writes_one_row_per_customer_with_the_documented_columns()
    {
        using var folder = new TemporaryFolder();
        var output = folder.Combine("predictions.csv");

        var run = CliRun.Of("predict", "-i", CliRun.Sample, "--calibration-end", "1997-09-30", "-o", output, "-q");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().BeEmpty();
        var lines = File.ReadAllLines(output);
        lines[0].Should().Be($"{Columns},holdout_frequency,{LastColumns}");
        lines.Should().HaveCount(2358);

        // FHL 2005: the customer with x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks.
        var first = Row(lines, "1");
        first["frequency"].Should().Be(2);
        first["expected_purchases"].Should().BeApproximately(1.226, 0.0005);
        first["probability_alive"].Should().BeInRange(0, 1);
        first["holdout_frequency"].Should().Be(1);
        lines.Skip(1).Select(l => l.Split(',')).Should().OnlyContain(cells => cells.Skip(1).SkipLast(1).All(c => double.IsFinite(double.Parse(c, CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Clv_is_discounted_margin_on_expected_purchases_and_spend()
    {
        using var folder = new TemporaryFolder();
        var undiscounted = folder.Combine("a.csv");
        var discounted = folder.Combine("b.csv");

        CliRun.Of("predict", "-i", CliRun.Sample, "-o", undiscounted, "--clv-months", "12", "--discount-rate", "0", "--margin", "1", "--horizon", "52.178571428571", "-q");
        CliRun.Of("predict", "-i", CliRun.Sample, "-o", discounted, "--clv-months", "12", "--discount-rate", "0.02", "--margin", "0.3", "-q");

        // With d = 0 and m = 1 over 12 months (365.25 days = 52.18 weeks), CLV = E[purchases in a year] × E[spend].
        var plain = Row(File.ReadAllLines(undiscounted), "1");
        plain["clv"].Should().BeApproximately(plain["expected_purchases"] * plain["expected_average_value"], 1e-6 * plain["clv"]);
        var reduced = Row(File.ReadAllLines(discounted), "1");
        reduced["clv"].Should().BeLessThan(0.3 * plain["clv"]).And.BeGreaterThan(0.3 * plain["clv"] / Math.Pow(1.02, 12));
    }

    [Fact]
    public void Predict_without_a_holdout_has_no_holdout_column_and_a_52_week_horizon()
    {
        using var folder = new TemporaryFolder();
        var output = folder.Combine("p.csv");
        var year = folder.Combine("year.csv");

        CliRun.Of("predict", "-i", CliRun.Sample, "-o", output, "-q").ExitCode.Should().Be(0);
        CliRun.Of("predict", "-i", CliRun.Sample, "-o", year, "--horizon", "52", "-q");

        File.ReadLines(output).First().Should().Be($"{Columns},{LastColumns}");
        File.ReadAllText(output).Should().Be(File.ReadAllText(year));
    }

    [Fact]
    public void Auto_model_choice_is_explained_on_standard_error()
    {
        using var folder = new TemporaryFolder();

        var run = CliRun.Of("predict", "-i", CliRun.Sample, "--calibration-end", "1997-09-30", "--model", "auto", "-o", folder.Combine("p.csv"), "-q");

        run.ExitCode.Should().Be(0, run.Error);
        run.Error.Should().MatchRegex("cltv: chose (bgnbd|paretonbd|mbgnbd): .*holdout.*naive baseline");
    }

    [Theory]
    [InlineData("--margin", "0")]
    [InlineData("--margin", "1.5")]
    [InlineData("--discount-rate", "1")]
    [InlineData("--clv-months", "0")]
    [InlineData("--horizon", "-3")]
    public void Out_of_range_valuation_settings_are_usage_errors(string option, string value)
    {
        using var folder = new TemporaryFolder();

        var run = CliRun.Of("predict", "-i", CliRun.Sample, "-o", folder.Combine("p.csv"), option, value);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain(option);
        File.Exists(folder.Combine("p.csv")).Should().BeFalse();
    }

    [Fact]
    public void Predict_writes_formula_like_customer_ids_as_text_and_numbers_as_they_are()
    {
        using var folder = new TemporaryFolder();
        var input = folder.Combine("formulas.csv");
        var output = folder.Combine("p.csv");
        File.WriteAllLines(input, File.ReadAllLines(CliRun.Sample).Select(line => line switch
        {
            _ when line.StartsWith("1,", StringComparison.Ordinal) => "\"=HYPERLINK(\"\"http://evil.example\"\")\"" + line[1..],
            _ when line.StartsWith("2,", StringComparison.Ordinal) => "-2" + line[1..],
            _ => line,
        }));

        var run = CliRun.Of("predict", "-i", input, "-o", output, "-q");

        run.ExitCode.Should().Be(0, run.Error);
        var lines = File.ReadAllLines(output);
        lines.Should().ContainSingle(l => l.StartsWith("\"'=HYPERLINK(\"\"http://evil.example\"\")\",", StringComparison.Ordinal));
        lines.Should().ContainSingle(l => l.StartsWith("'-2,", StringComparison.Ordinal));
        lines.Skip(1).Select(l => l[(l.LastIndexOf('"') + 1)..].Split(',').Skip(1).SkipLast(1))
            .Should().OnlyContain(cells => cells.All(c => double.IsFinite(double.Parse(c, CultureInfo.InvariantCulture))), "numbers are never neutralised");
    }

    [Theory]
    [InlineData("1997-09-30")]
    [InlineData(null)]
    public void Chance_of_buying_again_and_next_purchase_date_are_the_domains_from_the_end_of_each_rows_history(string? calibrationEnd)
    {
        using var folder = new TemporaryFolder();
        var output = folder.Combine("p.csv");
        var holdout = calibrationEnd is null ? [] : new[] { "--calibration-end", calibrationEnd };
        var summary = CdnowSample.Summary(calibrationEnd is null ? null : DateOnly.Parse(calibrationEnd, CultureInfo.InvariantCulture));
        var model = CountModelCatalog.Get(BgNbdParameters.ModelName).Fit(summary.Histories()).Model;

        var run = CliRun.Of(["predict", "-i", CliRun.Sample, .. holdout, "--model", "bgnbd", "-o", output, "-q"]);

        run.ExitCode.Should().Be(0, run.Error);
        var lines = File.ReadAllLines(output);
        lines[0].Should().EndWith(",clv" + (calibrationEnd is null ? "" : ",holdout_frequency") + "," + LastColumns);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(cells => cells[0]);
        var historyEnd = summary.Period.CalibrationEnd;
        foreach (var customer in summary.Customers)
        {
            var history = new PurchaseHistory(customer.Frequency, customer.Recency, customer.T);
            var cells = rows[customer.CustomerId];
            var expectedDate = NextPurchase.DateOfEvenChance(historyEnd, NextPurchase.TimeToEvenChance(model, history), TimeUnit.Week);

            double.Parse(cells[^2], CultureInfo.InvariantCulture).Should().BeApproximately(model.ProbabilityOfPurchase(history, 90 / 7.0), 5e-7, customer.CustomerId);
            cells[^1].Should().Be(expectedDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", customer.CustomerId);
        }

        var dates = rows.Values.Select(cells => cells[^1]).ToList();
        dates.Should().Contain("", "customers more likely gone than not have no expected next purchase");
        dates.Where(d => d != "").Should().NotBeEmpty()
            .And.OnlyContain(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) > historyEnd);
    }

    [Fact]
    public void Within_days_sets_the_window_of_the_chance_of_buying_again()
    {
        using var folder = new TemporaryFolder();
        var month = folder.Combine("month.csv");
        var year = folder.Combine("year.csv");
        var summary = CdnowSample.Summary(null);
        var model = CountModelCatalog.Get(BgNbdParameters.ModelName).Fit(summary.Histories()).Model;

        CliRun.Of("predict", "-i", CliRun.Sample, "--within-days", "30", "-o", month, "-q").ExitCode.Should().Be(0);
        CliRun.Of("predict", "-i", CliRun.Sample, "--within-days", "365", "-o", year, "-q").ExitCode.Should().Be(0);

        var inMonth = File.ReadAllLines(month).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => double.Parse(c[^2], CultureInfo.InvariantCulture));
        var inYear = File.ReadAllLines(year).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => double.Parse(c[^2], CultureInfo.InvariantCulture));
        inMonth.Should().OnlyContain(c => c.Value <= inYear[c.Key]);
        inMonth.Count(c => c.Value < inYear[c.Key]).Should().BeGreaterThan(inMonth.Count * 99 / 100, "only a chance already 0 or 1 to six decimals stays the same");
        var first = summary.Customers[0];
        inMonth[first.CustomerId].Should().BeApproximately(model.ProbabilityOfPurchase(new PurchaseHistory(first.Frequency, first.Recency, first.T), 30 / 7.0), 5e-7);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-7")]
    [InlineData("1.5")]
    [InlineData("ninety")]
    public void Within_days_other_than_a_positive_whole_number_is_a_usage_error(string value)
    {
        using var folder = new TemporaryFolder();

        var run = CliRun.Of("predict", "-i", CliRun.Sample, "-o", folder.Combine("p.csv"), "--within-days", value);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("--within-days");
        File.Exists(folder.Combine("p.csv")).Should().BeFalse();
    }

    // The numeric columns of a row by name; the last, the next purchase date, is not a number.
    private static Dictionary<string, double> Row(string[] lines, string customerId)
    {
        var header = lines[0].Split(',');
        var cells = lines.Skip(1).Select(l => l.Split(',')).Single(c => c[0] == customerId);
        return header.Skip(1).Zip(cells.Skip(1)).Where(p => p.First != "next_purchase_date")
            .ToDictionary(p => p.First, p => double.Parse(p.Second, CultureInfo.InvariantCulture));
    }
}
