using System.Text.Json;

namespace CltvDashboard.Cli.Tests;

public class FitCommandTests
{
    [Fact]
    public void Fit_prints_the_published_cdnow_estimates_as_one_json_object()
    {
        var run = CliRun.Of("fit", "--input", CliRun.Sample, "--calibration-end", "1997-09-30", "--json", "--quiet");

        run.ExitCode.Should().Be(0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        root.GetProperty("customers").GetInt32().Should().Be(2357);
        root.GetProperty("repeatCustomers").GetInt32().Should().Be(946);
        root.GetProperty("timeUnit").GetString().Should().Be("week");
        root.GetProperty("calibrationEnd").GetString().Should().Be("1997-09-30");

        var models = root.GetProperty("models");
        var bg = models.GetProperty("bgnbd");
        Parameter(bg, "r").Should().BeApproximately(0.243, 0.0005);
        Parameter(bg, "alpha").Should().BeApproximately(4.414, 0.0005);
        Parameter(bg, "a").Should().BeApproximately(0.793, 0.0005);
        Parameter(bg, "b").Should().BeApproximately(2.426, 0.0005);
        bg.GetProperty("logLikelihood").GetDouble().Should().BeApproximately(-9582.4, 0.05);
        bg.GetProperty("converged").GetBoolean().Should().BeTrue();
        bg.GetProperty("standardErrors").EnumerateObject().Should().HaveCount(4);

        var pareto = models.GetProperty("paretonbd");
        Parameter(pareto, "r").Should().BeApproximately(0.553, 0.0005);
        Parameter(pareto, "s").Should().BeApproximately(0.606, 0.002);
        pareto.GetProperty("logLikelihood").GetDouble().Should().BeApproximately(-9595.0, 0.05);

        models.GetProperty("mbgnbd").GetProperty("parameters").EnumerateObject().Select(p => p.Name).Should().Equal("r", "alpha", "a", "b");
        var spend = models.GetProperty("gammagamma");
        Parameter(spend, "p").Should().BeApproximately(6.25, 0.005);
        Parameter(spend, "q").Should().BeApproximately(3.74, 0.005);
        Parameter(spend, "gamma").Should().BeApproximately(15.44, 0.005);
    }

    [Fact]
    public void Fit_of_one_model_prints_only_that_model()
    {
        var run = CliRun.Of("fit", "-i", CliRun.Sample, "--calibration-end", "1997-09-30", "--model", "bgnbd", "--json", "-q");

        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("models").EnumerateObject().Select(m => m.Name).Should().Equal("bgnbd");
    }

    [Fact]
    public void Time_unit_day_scales_alpha_by_seven()
    {
        var run = CliRun.Of("fit", "-i", CliRun.Sample, "--calibration-end", "1997-09-30", "--model", "bgnbd", "--time-unit", "day", "-q");

        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("timeUnit").GetString().Should().Be("day");
        Parameter(json.RootElement.GetProperty("models").GetProperty("bgnbd"), "alpha").Should().BeApproximately(4.414 * 7, 0.01);
    }

    [Fact]
    public void Model_the_data_cannot_support_is_reported_in_its_place()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("one-time.csv", "customer_id,date,amount\na,2024-01-01,10\nb,2024-01-02,12\nc,2024-01-05,9\n");

        var run = CliRun.Of("fit", "-i", file, "--model", "bgnbd,gammagamma", "-q");

        run.ExitCode.Should().Be(3);
        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("models").GetProperty("bgnbd").GetProperty("error").GetString().Should().Contain("repeat purchase");
        run.Error.Should().Contain("bgnbd:");
    }

    [Fact]
    public void Unknown_model_is_a_usage_error_that_lists_the_choices()
    {
        var run = CliRun.Of("fit", "-i", CliRun.Sample, "--model", "bgnbd,weibull");

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("weibull").And.Contain("paretonbd");
    }

    [Fact]
    public void Bad_date_option_says_how_to_write_it()
    {
        var run = CliRun.Of("fit", "-i", CliRun.Sample, "--calibration-end", "30/09/1997");

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("yyyy-MM-dd");
    }

    [Fact]
    public void Progress_goes_to_standard_error_and_never_to_the_result()
    {
        var run = CliRun.Of("fit", "-i", CliRun.Sample, "--model", "bgnbd");

        run.Error.Should().Contain("reading cdnow_sample.csv").And.Contain("fitting bgnbd");
        run.Output.TrimStart().Should().StartWith("{");
        run.Output.Should().NotContain("fitting");
    }

    private static double Parameter(JsonElement model, string name) => model.GetProperty("parameters").GetProperty(name).GetDouble();
}
