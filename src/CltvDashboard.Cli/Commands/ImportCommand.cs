using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using CltvDashboard.Cli.Output;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Cli.Commands;

/// <summary><c>cltv import</c>: loads a transaction export into the store, atomically and without duplicates.</summary>
internal static class ImportCommand
{
    private const int ErrorsShown = 100;

    public static Command Create(Stream output, TextWriter error)
    {
        var input = new Option<FileInfo>("--input", "-i") { Description = "The export to import (CSV; Shopify, WooCommerce, Stripe, Square, line items or customer_id,date,amount).", Required = true };
        var database = new Option<string?>("--database", "-d")
        {
            Description = $"PostgreSQL connection string (Host=...) or SQLite file. Default: {CltvDatabase.DefaultSqlitePath}.",
        };
        var mode = new Option<ImportMode>("--mode") { Description = "append (default) adds to what is stored; replace swaps it for this file.", DefaultValueFactory = _ => ImportMode.Append };
        var currency = new Option<string?>("--currency")
        {
            Description = "The currency (ISO code) of rows that name none. Default: when appending, the stored data's currency, else the store's currency setting. A file that starts the data (replace, or an empty store) gives them the currency its rows name; when appending, rows in another currency than the stored data's are rejected one by one.",
        };
        var timeZone = new Option<TimeZoneInfo?>("--time-zone")
        {
            Description = "The business's time zone (IANA id, e.g. Europe/Berlin): times with an offset fall on the day its clock showed, bare dates and local times on the day written. Default: the store's time zone setting.",
            CustomParser = AnalysisOptions.ParseTimeZone,
        };
        var dateOrder = new Option<DateOrder>("--date-order") { Description = "How to read 03/04/2025: DayFirst or MonthFirst. Default: only unambiguous dates." };
        var decimalSeparator = new Option<DecimalSeparator>("--decimal-separator") { Description = "Auto (default), Point or Comma." };
        var customer = new Option<string?>("--customer-column") { Description = "Map the columns yourself: the customer column (with --date-column and --amount-column)." };
        var date = new Option<string?>("--date-column") { Description = "The date column of a mapping." };
        var amount = new Option<string?>("--amount-column") { Description = "The amount column of a mapping." };
        var order = new Option<string?>("--order-column") { Description = "Optional order reference column of a mapping." };
        var channel = new Option<string?>("--channel-column") { Description = "Optional channel column of a mapping." };
        var status = new Option<string?>("--status-column") { Description = "Optional order status column of a mapping." };
        var currencyColumn = new Option<string?>("--currency-column") { Description = "Optional currency column of a mapping." };
        var rejectedOut = new Option<FileInfo?>("--rejected-out")
        {
            Description = "Write the rejected rows to this CSV: line, column, reason, then the row's own columns.",
        };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (the only output format)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines on standard error." };

        var command = new Command("import", "Import a transaction export into the store: duplicates skipped, bad rows reported, nothing half-done.");
        foreach (var option in new Option[] { input, database, mode, currency, timeZone, dateOrder, decimalSeparator, customer, date, amount, order, channel, status, currencyColumn, rejectedOut, json, quiet })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var mapped = new[] { customer, date, amount }.Count(o => result.GetValue(o) is not null);
            if (mapped is > 0 and < 3)
            {
                result.AddError("A column mapping needs all of --customer-column, --date-column and --amount-column.");
            }
        });

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(error, async () =>
        {
            var progress = new Progress(error, parse.GetValue(quiet));
            var file = parse.GetValue(input)!;
            if (!file.Exists)
            {
                throw new Input.InputException($"{file.FullName}: no such file.");
            }

            ColumnMapping? mapping = parse.GetValue(customer) is { } customerColumn
                ? new ColumnMapping(customerColumn, parse.GetValue(date)!, parse.GetValue(amount)!)
                {
                    OrderReference = parse.GetValue(order),
                    Channel = parse.GetValue(channel),
                    Status = parse.GetValue(status),
                    Currency = parse.GetValue(currencyColumn),
                }
                : null;
            var target = parse.GetValue(database);
            progress.Report($"opening {CltvDatabase.DetectProvider(target)} store");
            await DatabaseMigrator.MigrateAsync(target, cancellationToken).ConfigureAwait(false);

            var choices = new ImportChoices
            {
                Mapping = mapping,
                DateOrder = parse.GetValue(dateOrder),
                DecimalSeparator = parse.GetValue(decimalSeparator),
                Currency = parse.GetValue(currency),
                TimeZone = parse.GetValue(timeZone),
            };

            progress.Report($"importing {file.Name}");
            var import = new DatasetImport(new CltvContextFactory(target), TimeProvider.System);
            var stream = file.OpenRead();
            ImportResult result;
            await using (stream.ConfigureAwait(false))
            {
                result = await ImportAsync(import, stream, file.Name, choices, parse.GetValue(mode), new RowProgress(progress), cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(rejectedOut) is { } rejectedFile)
            {
                var written = await WriteRejectedAsync(target, result.BatchId, rejectedFile, cancellationToken).ConfigureAwait(false);
                progress.Report($"wrote {written:N0} rejected rows to {rejectedFile.Name}");
            }

            progress.Report($"imported {result.TransactionsImported:N0} transactions from {result.LinesUsed:N0} of {result.RowsRead:N0} lines ({result.DuplicatesSkipped:N0} duplicates, {result.LinesRejected:N0} lines rejected, {result.LinesExcluded:N0} left out by rules)");
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
            {
                WriteResult(writer, result);
            }

            output.WriteByte((byte)'\n');
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void WriteResult(Utf8JsonWriter writer, ImportResult result)
    {
        writer.WriteStartObject();
        writer.WriteNumber("rowsRead", result.RowsRead);
        writer.WriteNumber("orders", result.Orders);
        writer.WriteNumber("transactionsImported", result.TransactionsImported);
        writer.WriteNumber("customers", result.Customers);
        writer.WriteNumber("netRevenue", result.NetRevenue);
        writer.WriteNumber("duplicatesSkipped", result.DuplicatesSkipped);
        writer.WriteNumber("rowsRejected", result.RowsRejected);
        writer.WriteNumber("linesRead", result.RowsRead);
        writer.WriteNumber("linesUsed", result.LinesUsed);
        writer.WriteNumber("linesRejected", result.LinesRejected);
        writer.WriteNumber("linesExcluded", result.LinesExcluded);
        writer.WriteStartArray("rejectedByReason");
        foreach (var reason in result.RejectedByReason)
        {
            writer.WriteStartObject();
            writer.WriteString("reason", reason.Reason);
            writer.WriteNumber("lines", reason.Lines);
            if (reason.Value is { } value)
            {
                writer.WriteNumber("value", value);
            }
            else
            {
                writer.WriteNull("value");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("refunds", result.Refunds);
        WriteDay(writer, "firstDay", result.FirstDay);
        WriteDay(writer, "lastDay", result.LastDay);
        writer.WriteString("layout", result.Layout);
        writer.WriteString("currency", result.Currency);
        writer.WriteString("batch", result.BatchId.ToString());
        writer.WriteStartArray("errors");
        foreach (var problem in result.Errors.Take(ErrorsShown))
        {
            writer.WriteStartObject();
            writer.WriteNumber("line", problem.Line);
            writer.WriteString("column", problem.Column);
            writer.WriteString("message", problem.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteDay(Utf8JsonWriter writer, string name, DateOnly? day)
    {
        if (day is { } value)
        {
            writer.WriteString(name, value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

        private static async Task<ImportResult> ImportAsync(
        DatasetImport import, Stream stream, string fileName, ImportChoices choices, ImportMode mode, IProgress<ImportProgress> progress,
        CancellationToken cancellationToken)
    {
        try
        {
            return await import.ImportAsync(stream, fileName, choices, mode, Environment.UserName, null, progress, DatasetKind.Own, cancellationToken).ConfigureAwait(false);
        }
        catch (ImportFileException e) when (e.Failure == ImportFailure.NoCurrency)
        {
            // The importer says what is missing in the store's terms; here the remedy is an option of this command.
            throw new ImportFileException(
                e.Failure,
                "The file has no currency column, its amounts carry no currency sign and the store has no currency setting; "
                + "pass --currency with the dataset's ISO code (e.g. --currency USD).",
                e);
        }
    }

    private static async Task<long> WriteRejectedAsync(string? database, long batchId, FileInfo file, CancellationToken cancellationToken)
    {
        var context = CltvDatabase.CreateContext(database);
        await using (context.ConfigureAwait(false))
        {
            var stream = file.Create();
            await using (stream.ConfigureAwait(false))
            {
                return await RejectedRowsCsv.WriteAsync(context, batchId, stream, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Reports every million rows; the importer calls it from its own loop, so no synchronisation context is involved.
    private sealed class RowProgress(Progress progress) : IProgress<ImportProgress>
    {
        private long _next = 1_000_000;

        public void Report(ImportProgress value)
        {
            if (value.RowsRead >= _next)
            {
                _next = (value.RowsRead / 1_000_000 + 1) * 1_000_000;
                var share = value.TotalBytes is > 0 ? $" ({100.0 * value.BytesRead / value.TotalBytes.Value:F0}%)" : string.Empty;
                progress.Report($"{value.Stage}: {value.RowsRead:N0} rows{share}");
            }
        }
    }
}
