using System.CommandLine;
using System.Text.Json;
using CltvDashboard.Cli.Output;
using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.GammaGamma;

namespace CltvDashboard.Cli.Commands;

/// <summary><c>cltv fit</c>: fits the chosen models and prints their parameters as one JSON object.</summary>
internal static class FitCommand
{
    public static Command Create(Stream output, TextWriter error)
    {
        var options = new AnalysisOptions();
        var models = new Option<string[]>("--model", "-m")
        {
            Description = $"Comma-separated models to fit: {string.Join(", ", CountModelCatalog.Names)}, {GammaGammaParameters.ModelName}. Default: all.",
            DefaultValueFactory = _ => [.. CountModelCatalog.Names, GammaGammaParameters.ModelName],
            CustomParser = result => ModelList.Parse(result, [.. CountModelCatalog.Names, GammaGammaParameters.ModelName]),
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print the result as JSON (the only output format; accepted for scripts that say so).",
        };

        var command = new Command("fit", "Fit BG/NBD, Pareto/NBD, MBG/NBD and Gamma-Gamma to a transaction file and print the estimates as JSON.");
        options.AddTo(command);
        command.Options.Add(models);
        command.Options.Add(json);
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var progress = new Progress(error, parse.GetValue(options.Quiet));
            var summary = options.Summarize(parse, progress);
            var histories = summary.Histories();
            var requested = parse.GetValue(models)!;

            using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            JsonOutput.WriteSummary(writer, summary);
            writer.WriteStartObject("models");
            var failures = 0;
            foreach (var name in requested)
            {
                progress.Report($"fitting {name}");
                if (name == GammaGammaParameters.ModelName)
                {
                    var spend = SpendEstimate.Compute(summary.Customers);
                    if (spend.Fit is { } fit)
                    {
                        JsonOutput.WriteGammaGamma(writer, name, fit);
                    }
                    else
                    {
                        failures++;
                        progress.Warn($"{name}: {spend.Failure}");
                        JsonOutput.WriteError(writer, name, spend.Failure!);
                    }

                    continue;
                }

                try
                {
                    var fit = CountModelCatalog.Get(name).Fit(histories);
                    JsonOutput.WriteFit(writer, name, fit.Model.ParameterValues, fit.LogLikelihood, fit.StandardErrors, fit.Diagnostics);
                }
                catch (ModelFitException e)
                {
                    failures++;
                    progress.Warn($"{name}: {e.Message}");
                    JsonOutput.WriteError(writer, name, e.Message);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
            output.WriteByte((byte)'\n');
            return failures == requested.Length ? ExitCodes.ModelFailed : ExitCodes.Success;
        }));
        return command;
    }
}
