using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CltvDashboard.Cli.Input;
using CltvDashboard.Cli.Output;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Cli.Commands;

/// <summary>The options every analysis command shares: the input file, how to read it and the periods.</summary>
internal sealed class AnalysisOptions
{
    private const string DefaultCustomerColumn = "customer_id";
    private const string DefaultDateColumn = "date";
    private const string DefaultAmountColumn = "amount";
    private const int ProblemsShown = 10;

    public Option<FileInfo> Input { get; } = new("--input", "-i")
    {
        Description = "Transaction CSV read as `cltv import` reads it: Shopify, WooCommerce, Stripe, Square, line items or customer_id,date,amount.",
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

    public Option<string?> CustomerColumn { get; } = new("--customer-column")
    {
        Description = $"Name of the customer identifier column. Naming any column skips layout detection; unnamed ones default to {DefaultCustomerColumn}, {DefaultDateColumn} and {DefaultAmountColumn}.",
    };

    public Option<string?> DateColumn { get; } = new("--date-column")
    {
        Description = "Name of the date column (date, or date-time with or without an offset).",
    };

    public Option<string?> AmountColumn { get; } = new("--amount-column")
    {
        Description = "Name of the amount column (negative amounts are refunds).",
    };

    public Option<TimeZoneInfo> TimeZone { get; } = new("--time-zone")
    {
        Description = "The business's time zone (IANA id, e.g. Europe/Paris): a time with an offset falls on the day this zone's clock showed; a bare date or local time on the day written. Default: UTC.",
        DefaultValueFactory = _ => TimeZoneInfo.Utc,
        CustomParser = ParseTimeZone,
    };

    public Option<DateOrder> DateOrder { get; } = new("--date-order")
    {
        Description = "How to read 03/04/2025: DayFirst or MonthFirst. Default: only unambiguous dates.",
    };

    public Option<DecimalSeparator> DecimalSeparator { get; } = new("--decimal-separator")
    {
        Description = "Auto (default), Point or Comma.",
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
        command.Options.Add(TimeZone);
        command.Options.Add(DateOrder);
        command.Options.Add(DecimalSeparator);
        command.Options.Add(Quiet);
    }

    /// <summary>Reads the file named by the options into a log of transactions and the period the options name.</summary>
    public AnalysisInput Read(ParseResult parse, Progress progress)
    {
        var file = parse.GetValue(Input)!;
        if (!file.Exists)
        {
            throw new InputException($"{file.FullName}: no such file.");
        }

        var log = new TransactionLog((int)Math.Clamp(file.Length / 24, 1024, 200_000_000));
        progress.Report($"reading {file.Name}");
        var summary = ReadFile(file, ReadOptions(parse), log, progress);
        progress.Report($"read {summary.RowsRead:N0} rows of {log.CustomerCount:N0} customers ({summary.Layout} layout)");
        ReportLeftOut(file.Name, summary, progress);

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

    private ImportOptions ReadOptions(ParseResult parse)
    {
        var customer = parse.GetValue(CustomerColumn);
        var date = parse.GetValue(DateColumn);
        var amount = parse.GetValue(AmountColumn);
        var mapping = customer is null && date is null && amount is null
            ? null
            : new ColumnMapping(customer ?? DefaultCustomerColumn, date ?? DefaultDateColumn, amount ?? DefaultAmountColumn);
        return new ImportOptions
        {
            Now = TimeProvider.System.GetUtcNow(),
            BusinessTimeZone = parse.GetValue(TimeZone)!,
            DateOrder = parse.GetValue(DateOrder),
            DecimalSeparator = parse.GetValue(DecimalSeparator),
            Mapping = mapping,
            MaxProblemsKept = 100,
        };
    }

    private static ImportReadSummary ReadFile(FileInfo file, ImportOptions options, TransactionLog log, Progress progress)
    {
        using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return TransactionLogReader.Read(stream, options, log, rows => progress.Report($"read {rows:N0} rows"));
        }
        catch (ImportFileException e)
        {
            var hint = e.Failure is ImportFailure.UnknownLayout or ImportFailure.MissingColumn
                ? " Name the columns with --customer-column, --date-column and --amount-column."
                : string.Empty;
            throw new InputException($"{file.Name}: {e.Message}{hint}");
        }
    }

    private static void ReportLeftOut(string fileName, ImportReadSummary summary, Progress progress)
    {
        if (summary.OrdersExcluded > 0)
        {
            progress.Report($"left out {summary.OrdersExcluded:N0} orders by rule ({string.Join(", ", summary.Exclusions.Select(e => $"{e.Key}: {e.Value:N0}"))})");
        }

        if (summary.DuplicatesSkipped > 0)
        {
            progress.Warn($"{fileName}: skipped {summary.DuplicatesSkipped:N0} rows that repeat an earlier row of the file.");
        }

        if (summary.RowsRejected > 0)
        {
            progress.Warn($"{fileName}: skipped {summary.RowsRejected:N0} of {summary.RowsRead:N0} rows that could not be used:");
            foreach (var problem in summary.Problems.Where(p => p.Kind == ImportProblemKind.Rejected).Take(ProblemsShown))
            {
                progress.Warn($"  {fileName}: {problem}");
            }

            if (summary.RowsRejected > ProblemsShown)
            {
                progress.Warn($"  ... and {summary.RowsRejected - ProblemsShown:N0} more.");
            }
        }
    }

    internal static TimeZoneInfo? ParseTimeZone(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone))
        {
            return zone;
        }

        result.AddError($"'{text}' is not a time zone this machine knows; use an IANA id such as Europe/Berlin or America/New_York.");
        return TimeZoneInfo.Utc;
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
