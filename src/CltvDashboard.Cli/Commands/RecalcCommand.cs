using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using CltvDashboard.Cli.Output;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Cli.Commands;

/// <summary><c>cltv recalc</c>: the app's recalculation pipeline, run synchronously on a store.</summary>
internal static class RecalcCommand
{
    public static Command Create(Stream output, TextWriter error)
    {
        var database = new Option<string?>("--database", "-d")
        {
            Description = $"PostgreSQL connection string (Host=...) or SQLite file. Default: {CltvDatabase.DefaultSqlitePath}.",
        };
        var asOf = new Option<DateOnly?>("--as-of")
        {
            Description = "Last day of data to use (yyyy-MM-dd, in the business's time zone). Default: today.",
            CustomParser = ParseDate,
        };
        var json = new Option<bool>("--json") { Description = "Print the run summary as JSON (the only output format)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines on standard error." };

        var command = new Command("recalc", "Recalculate RFM, cohorts, model fits and CLV from the stored transactions into a new current run.");
        foreach (var option in new Option[] { database, asOf, json, quiet })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(error, async () =>
        {
            var progress = new Progress(error, parse.GetValue(quiet));
            var target = parse.GetValue(database);
            progress.Report($"opening {CltvDatabase.DetectProvider(target)} store");
            await DatabaseMigrator.MigrateAsync(target, cancellationToken).ConfigureAwait(false);

            var context = CltvDatabase.CreateContext(target);
            RecalculationSummary summary;
            await using (context.ConfigureAwait(false))
            {
                var pipeline = new RecalculationPipeline(context);
                progress.Report("recalculating");
                summary = parse.GetValue(asOf) is { } day
                    ? await pipeline.RecalculateAsync(CalculationTrigger.Manual, day, cancellationToken).ConfigureAwait(false)
                    : await pipeline.RecalculateAsync(CalculationTrigger.Manual, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            foreach (var warning in summary.Warnings)
            {
                progress.Warn(warning);
            }

            // A newer run took the lock first and computes from the same or newer data, so this request is met by it.
            progress.Report(summary.Status == CalculationRunStatus.Superseded
                ? $"run {summary.RunId}: superseded by a newer run, which computes the current results"
                : $"run {summary.RunId}: {summary.Customers:N0} customers, model {summary.ChosenModel ?? "none"}");
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
            {
                WriteSummary(writer, summary);
            }

            output.WriteByte((byte)'\n');
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void WriteSummary(Utf8JsonWriter writer, RecalculationSummary summary)
    {
        writer.WriteStartObject();
        writer.WriteNumber("runId", summary.RunId);
        writer.WriteString("status", summary.Status.ToString());
        writer.WriteNumber("customers", summary.Customers);
        WriteDate(writer, "observationEnd", summary.ObservationEnd);
        WriteDate(writer, "calibrationEnd", summary.CalibrationEnd);
        writer.WriteString("chosenModel", summary.ChosenModel);
        writer.WriteString("modelChoiceReason", summary.ModelChoiceReason);
        writer.WriteNumber("totalMilliseconds", summary.StageTimings.Sum(t => t.Milliseconds));
        writer.WriteStartArray("stageTimings");
        foreach (var timing in summary.StageTimings)
        {
            writer.WriteStartObject();
            writer.WriteString("stage", timing.Stage);
            writer.WriteNumber("milliseconds", timing.Milliseconds);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (summary.Holdout is { } holdout)
        {
            writer.WriteStartObject("holdout");
            writer.WriteString("criterion", holdout.Criterion);
            writer.WriteNumber("predicted", holdout.Predicted);
            writer.WriteNumber("actual", holdout.Actual);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("holdout");
        }

        writer.WriteStartObject("churnRiskBands");
        foreach (var (band, customers) in summary.ChurnRiskBands)
        {
            writer.WriteNumber(band, customers);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("warnings");
        foreach (var warning in summary.Warnings)
        {
            writer.WriteStringValue(warning);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateOnly? date)
    {
        if (date is { } day)
        {
            writer.WriteString(name, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static DateOnly? ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"'{text}' is not a date; write it as yyyy-MM-dd, e.g. 1998-06-30.");
        return null;
    }
}
