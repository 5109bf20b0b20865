using System.Text.Json;
using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Cli.Tests;

/// <summary><c>cltv fit</c> and <c>cltv predict</c> reach the fits and the choice of the Domain's analysis on the same split.</summary>
public class AnalysisAgreementTests
{
    private static readonly Lazy<TransactionSummary> Summary = new(() => CdnowSample.Summary(CdnowSample.CalibrationEnd));

    [Fact]
    public void Predict_auto_chooses_the_analysis_model_for_the_analysis_reason()
    {
        using var folder = new TemporaryFolder();
        var expected = CustomerBaseAnalysis.ChooseCountModel(CustomerBaseAnalysis.FitCountModels(Summary.Value.Histories()), Summary.Value)!;

        var run = CliRun.Of("predict", "-i", CliRun.Sample, "--calibration-end", "1997-09-30", "--model", "auto", "-o", folder.Combine("p.csv"), "-q");

        run.ExitCode.Should().Be(0, run.Error);
        run.Error.Should().Contain($"chose {expected.Chosen.Model.Name}: {expected.Reason}");
    }

    [Fact]
    public void Fit_prints_the_analysis_fits()
    {
        var attempts = CustomerBaseAnalysis.FitCountModels(Summary.Value.Histories());
        var spend = SpendEstimate.Compute(Summary.Value.Customers);

        var run = CliRun.Of("fit", "-i", CliRun.Sample, "--calibration-end", "1997-09-30", "-q");

        run.ExitCode.Should().Be(0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var models = json.RootElement.GetProperty("models");
        foreach (var attempt in attempts)
        {
            var printed = models.GetProperty(attempt.Model.Name);
            foreach (var (name, value) in attempt.Fit!.Model.ParameterValues)
            {
                printed.GetProperty("parameters").GetProperty(name).GetDouble().Should().Be(value, $"{attempt.Model.Name} {name}");
            }

            printed.GetProperty("logLikelihood").GetDouble().Should().Be(attempt.Fit.LogLikelihood);
        }

        models.GetProperty("gammagamma").GetProperty("parameters").GetProperty("q").GetDouble().Should().Be(spend.Fit!.Parameters.Q);
    }
}
