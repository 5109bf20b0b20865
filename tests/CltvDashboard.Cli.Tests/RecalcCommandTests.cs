using System.Text.Json;
using CltvDashboard.Domain.Validation;

namespace CltvDashboard.Cli.Tests;

public class RecalcCommandTests
{
    [Fact]
    public void Recalc_prints_the_run_summary_of_an_imported_store_as_json()
    {
        using var folder = new TemporaryFolder();
        var database = folder.Combine("store.db");
        CliRun.Of("import", "-i", CliRun.Sample, "-d", database, "--currency", "USD", "-q").ExitCode.Should().Be(0);

        var run = CliRun.Of("recalc", "-d", database, "--as-of", "1998-06-30", "--json", "-q");

        run.ExitCode.Should().Be(0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        root.GetProperty("runId").GetInt64().Should().BePositive();
        root.GetProperty("status").GetString().Should().Be("Succeeded");
        root.GetProperty("customers").GetInt32().Should().Be(2_357);
        root.GetProperty("observationEnd").GetString().Should().Be("1998-06-30");
        root.GetProperty("chosenModel").GetString().Should().BeOneOf("bgnbd", "paretonbd", "mbgnbd");
        root.GetProperty("modelChoiceReason").GetString().Should().Contain("holdout");
        var stages = root.GetProperty("stageTimings").EnumerateArray().Select(s => s.GetProperty("stage").GetString()).ToList();
        stages.Should().Contain(["Reading transactions", "Writing results"]);
    }

    [Fact]
    public void Recalc_json_reports_the_chosen_models_holdout_check_the_churn_bands_and_the_warnings()
    {
        using var folder = new TemporaryFolder();
        var database = folder.Combine("store.db");
        CliRun.Of("import", "-i", CliRun.Sample, "-d", database, "--currency", "USD", "-q").ExitCode.Should().Be(0);

        var run = CliRun.Of("recalc", "-d", database, "--as-of", "1998-06-30", "--json", "-q");

        run.ExitCode.Should().Be(0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        var holdout = root.GetProperty("holdout");
        holdout.GetProperty("criterion").GetString().Should().Be(ModelSelection.HoldoutCriterion);
        holdout.GetProperty("actual").GetDouble().Should().BePositive("the CDNOW sample's customers bought in the six months held out");
        holdout.GetProperty("predicted").GetDouble().Should().BeInRange(
            holdout.GetProperty("actual").GetDouble() * 0.5, holdout.GetProperty("actual").GetDouble() * 1.5);
        var bands = root.GetProperty("churnRiskBands").EnumerateObject().ToDictionary(b => b.Name, b => b.Value.GetInt32());
        bands.Keys.Should().Equal("High", "Medium", "Low");
        bands.Values.Sum().Should().Be(root.GetProperty("customers").GetInt32());
        bands.Values.Should().OnlyContain(n => n > 0, "the CDNOW sample has customers of every risk");
        root.GetProperty("warnings").ValueKind.Should().Be(JsonValueKind.Array);
    }

    [Fact]
    public void Recalc_of_a_store_without_transactions_says_so_and_exits_with_bad_input()
    {
        using var folder = new TemporaryFolder();

        var run = CliRun.Of("recalc", "-d", folder.Combine("empty.db"), "--json", "-q");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("no transactions");
    }

    [Fact]
    public void Recalc_rejects_a_date_that_is_not_iso()
    {
        var run = CliRun.Of("recalc", "--as-of", "30/06/1998");

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("yyyy-MM-dd");
    }
}
