using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CltvDashboard.Cli.Input;
using CltvDashboard.Cli.Output;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Cli.Commands;

/// <summary>The options every analysis command shares: the input file, its columns and the periods.</summary>
internal sealed class AnalysisOptions
{
    public Option<FileInfo> Input { get; } = new("--input", "-i")
    {
        Description = "Transaction CSV with a header row (customer, date, amount columns; others are ignored).",
        Required = true,
    };

    public Option<DateOnly?> CalibrationEnd { get; } = new("--calibration-end")
    {
        Description = "Last day (inclusive) of the period the models learn from; later purchases are the holdout. Default: the observation end.",
        CustomParser = ParseDate,
    };

    public Option<DateOnly?> ObservationEnd { get; } = new("--observation-end")
    {
        Description = "Last day (inclusive) of data to use. Default: the latest date in the file.",
        CustomParser = ParseDate,
    };

    public Option<TimeUnit> TimeUnit { get; } = new("--time-unit")
    {
        Description = "Unit of recency, T, horizons and alpha: day, week or month (365.25/12 days).",
        DefaultValueFactory = _ => Domain.Transactions.TimeUnit.Week,
        CustomParser = ParseTimeUnit,
    };

    public Option<string> CustomerColumn { get; } = new("--customer-column")
    {
        Description = "Name of the customer identifier column.",
        DefaultValueFactory = _ => "customer_id",
    };

    public Option<string> DateColumn { get; } = new("--date-column")
    {
        Description = "Name of the date column (ISO date or date-time).",
        DefaultValueFactory = _ => "date",
    };

    public Option<string> AmountColumn { get; } = new("--amount-column")
    {
        Description = "Name of the amount column (decimal point; negative amounts are refunds).",
        DefaultValueFactory = _ => "amount",
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "No progress lines on standard error (warnings are still shown).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Input);
        command.Options.Add(CalibrationEnd);
        command.Options.Add(ObservationEnd);
        command.Options.Add(TimeUnit);
        command.Options.Add(CustomerColumn);
        command.Options.Add(DateColumn);
        command.Options.Add(AmountColumn);
        command.Options.Add(Quiet);
    }

    /// <summary>Reads the file named by the options into a log of transactions and the period the options name.</summary>
    public AnalysisInput Read(ParseResult parse, Progress progress)
    {
        var file = parse.GetValue(Input)!;
        var columns = new TransactionColumns(parse.GetValue(CustomerColumn)!, parse.GetValue(DateColumn)!, parse.GetValue(AmountColumn)!);
        var expectedRows = file.Exists ? (int)Math.Clamp(file.Length / 24, 1024, 200_000_000) : 1024;
        var log = new TransactionLog(expectedRows);

        progress.Report($"reading {file.Name}");
        var report = TransactionCsvReader.Read(file.FullName, columns, log, rows => progress.Report($"read {rows:N0} rows"));
        progress.Report($"read {report.RowsRead:N0} rows of {log.CustomerCount:N0} customers");
        if (report.RowsRejected > 0)
        {
            progress.Warn($"{file.Name}: skipped {report.RowsRejected:N0} of {report.RowsRead:N0} rows that could not be used:");
            foreach (var problem in report.Problems.Take(10))
            {
                progress.Warn($"  {file.Name}: {problem}");
            }

            if (report.RowsRejected > 10)
            {
                progress.Warn($"  ... and {report.RowsRejected - 10:N0} more.");
            }
        }

        var observationEnd = parse.GetValue(ObservationEnd) ?? log.LastDay!.Value;
        var calibrationEnd = parse.GetValue(CalibrationEnd) ?? observationEnd;
        if (calibrationEnd > observationEnd)
        {
            throw new InputException($"--calibration-end {calibrationEnd:yyyy-MM-dd} is after the observation end {observationEnd:yyyy-MM-dd}.");
        }

        return new AnalysisInput(file.Name, log, new SummaryPeriod(calibrationEnd, observationEnd, parse.GetValue(TimeUnit)));
    }

    /// <summary>Reads the file named by the options and summarises it per customer.</summary>
    public TransactionSummary Summarize(ParseResult parse, Progress progress)
    {
        var input = Read(parse, progress);
        var period = input.Period;
        var summary = new CustomerSummaryBuilder(input.Log).Build(period);
        if (summary.Customers.Count == 0)
        {
            throw new InputException(
                $"{input.FileName}: no customer made a purchase on or before the calibration end {period.CalibrationEnd:yyyy-MM-dd} (the data run from {input.Log.FirstDay:yyyy-MM-dd} to {input.Log.LastDay:yyyy-MM-dd}).");
        }

        progress.Report($"summarised {summary.Customers.Count:N0} customers (calibration to {period.CalibrationEnd:yyyy-MM-dd}, observation to {period.ObservationEnd:yyyy-MM-dd})");
        if (summary.CustomersFirstSeenInHoldout > 0)
        {
            progress.Report($"{summary.CustomersFirstSeenInHoldout:N0} customers first bought after the calibration end and are not modelled");
        }

        return summary;
    }

    private static DateOnly? ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"'{text}' is not a date; write it as yyyy-MM-dd, e.g. 1997-09-30.");
        return null;
    }

    private static TimeUnit ParseTimeUnit(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (TimeUnits.TryParse(text, out var unit))
        {
            return unit;
        }

        result.AddError($"'{text}' is not a time unit; use day, week or month.");
        return default;
    }
}

/// <summary>A transaction file read into a log, with the calibration and observation period the options name.</summary>
/// <param name="FileName">The file's name, for messages.</param>
/// <param name="Log">Every usable row of the file.</param>
/// <param name="Period">Calibration end, observation end and time unit.</param>
internal sealed record AnalysisInput(string FileName, TransactionLog Log, SummaryPeriod Period);
