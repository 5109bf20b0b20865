using System.Globalization;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>Something the review must settle before a file is imported: where (column, line) and what to do.</summary>
/// <param name="Column">The file's column at fault, as written in its header; null when no one column is.</param>
/// <param name="Line">The first line of the file that shows it; null when no line does.</param>
/// <param name="Message">What is wrong and what to change, in one or two sentences.</param>
public sealed record ImportCheckFinding(string? Column, long? Line, string Message);

/// <summary>
/// The checks made on an upload's review before its import is queued, so that a choice the file contradicts is said
/// there, with the column and line, rather than found in the queue: the columns chosen (each field its own column), the
/// whole file read with the choices (it must not fail as a whole), the date order (no date the chosen order cannot read
/// but the other can; no date left ambiguous without a chosen order) and the decimal separator (no amount it cannot
/// read that another separator can). A line unreadable whatever the choice (an empty or garbled value) is not the
/// choice's fault: the import rejects it and its report lists it. The currency is not judged here.
/// </summary>
public static class ImportCheck
{
    /// <summary>The fields of a <see cref="ColumnMapping"/> in the words the findings use.</summary>
    private static readonly (string Field, Func<ColumnMapping, string?> Column)[] MappedFields =
    [
        ("the customer", m => m.Customer),
        ("the date", m => m.Date),
        ("the amount", m => m.Amount),
        ("the order", m => m.OrderReference),
        ("the channel", m => m.Channel),
        ("the status", m => m.Status),
        ("the currency", m => m.Currency),
        ("the quantity", m => m.Quantity),
        ("the time of day", m => m.Time),
    ];

    /// <summary>The columns chosen for more than one field of a mapping, one finding per such column.</summary>
    /// <param name="mapping">The columns chosen.</param>
    public static IReadOnlyList<ImportCheckFinding> MappingConflicts(ColumnMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return MappedFields
            .Select(f => (f.Field, Column: f.Column(mapping)?.Trim()))
            .Where(f => !string.IsNullOrEmpty(f.Column))
            .GroupBy(f => f.Column!, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => new ImportCheckFinding(
                g.Key, null, $"Column '{ImportValueParser.Shorten(g.Key)}' is chosen for {Join(g.Select(f => f.Field).ToList())}: choose one column for each."))
            .ToList();
    }

    /// <summary>Checks a file with the choices it would be imported with; no finding means it may be queued.</summary>
    /// <param name="stream">The file, positioned at its start; read to its end and left open.</param>
    /// <param name="options">How the import would read it.</param>
    /// <returns>The findings, most basic first; empty when the choices fit the file.</returns>
    public static IReadOnlyList<ImportCheckFinding> Run(Stream stream, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Mapping is { } mapping && MappingConflicts(mapping) is { Count: > 0 } conflicts)
        {
            return conflicts;
        }

        ImportCheckEvidence? evidence = null;
        ImportFileException? failure = null;
        try
        {
            TransactionFileReader.Gather(stream, options, found => evidence = found);
        }
        catch (ImportFileException e)
        {
            failure = e;
        }

        // A wrong choice first: it is often why the file as a whole fails (every amount unreadable with the separator set).
        List<ImportCheckFinding> findings = evidence is null ? [] : [.. DateFindings(evidence, options.DateOrder), .. AmountFindings(evidence, options.DecimalSeparator)];
        if (failure is not null)
        {
            findings.Add(new ImportCheckFinding(null, null, failure.Message));
        }

        return findings;
    }

    private static IEnumerable<ImportCheckFinding> DateFindings(ImportCheckEvidence evidence, DateOrder order)
    {
        var column = evidence.DateColumn;
        var dayFirst = evidence.DayFirstOnly;
        var monthFirst = evidence.MonthFirstOnly;
        if (order == DateOrder.Unspecified)
        {
            if (evidence.Either is { } either)
            {
                var likely = dayFirst is not null && monthFirst is null ? $" Line {dayFirst.Line:N0} ('{dayFirst.Text}') can only be day-first, so day-first is likely."
                    : monthFirst is not null && dayFirst is null ? $" Line {monthFirst.Line:N0} ('{monthFirst.Text}') can only be month-first, so month-first is likely."
                    : "";
                yield return new ImportCheckFinding(
                    column, either.Line,
                    $"Column '{column}', line {either.Line:N0}: '{either.Text}' can be read day-first or month-first ({Lines(either.Count)} like it). "
                    + $"Choose how dates like 03/04/2025 are written.{likely}");
            }

            yield break;
        }

        var (chosen, other, contradicting, agreeing) = order == DateOrder.DayFirst
            ? ("day-first", "month-first", monthFirst, dayFirst)
            : ("month-first", "day-first", dayFirst, monthFirst);
        if (contradicting is null)
        {
            yield break;
        }

        var mixed = agreeing is null
            ? $"Choose {other}, or correct those lines."
            : $"Line {agreeing.Line:N0} ('{agreeing.Text}') can only be {chosen}, so the file mixes both orders: correct the lines of one kind.";
        yield return new ImportCheckFinding(
            column, contradicting.Line,
            $"Column '{column}', line {contradicting.Line:N0}: dates are set to be read {chosen}, but '{contradicting.Text}' can only be {other} "
            + $"({Lines(contradicting.Count)} like it). {mixed}");
    }

    private static IEnumerable<ImportCheckFinding> AmountFindings(ImportCheckEvidence evidence, DecimalSeparator chosen)
    {
        if (evidence.ReadableOtherwise is not { } first)
        {
            yield break;
        }

        var better = evidence.BetterSeparator;
        yield return new ImportCheckFinding(
            evidence.AmountColumn, first.Line,
            $"Column '{evidence.AmountColumn}', line {first.Line:N0}: the amount '{first.Text}' cannot be read with the decimal separator set to {Name(chosen)}, "
            + $"but can with {Name(better)} ({Lines(first.Count)} like it). Choose {Name(better)}, or correct those lines.");
    }

    private static string Name(DecimalSeparator separator) => separator switch
    {
        DecimalSeparator.Point => "Point (1,234.50)",
        DecimalSeparator.Comma => "Comma (1.234,50)",
        _ => "Auto",
    };

    private static string Lines(long count) => count == 1 ? "1 line" : count.ToString("N0", CultureInfo.InvariantCulture) + " lines";

    private static string Join(List<string> items) =>
        items.Count <= 2 ? string.Join(" and ", items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
}

/// <summary>The first line of a kind that <see cref="ImportCheckEvidence"/> counts, with its value as written.</summary>
/// <param name="Line">The 1-based line.</param>
/// <param name="Text">The value, shortened for a message.</param>
/// <param name="Count">How many lines of the file are of the kind.</param>
internal sealed record EvidenceLine(long Line, string Text, long Count);

/// <summary>What <see cref="TransactionFileReader.Gather"/> finds in every line of a file, for <see cref="ImportCheck"/>.</summary>
internal sealed class ImportCheckEvidence(DecimalSeparator chosen, ImportLayoutPlan plan)
{
    // Explicit separators first: where Auto reads a value too, the one the file plainly uses is the clearer advice.
    private static readonly DecimalSeparator[] Separators = [DecimalSeparator.Point, DecimalSeparator.Comma, DecimalSeparator.Auto];
    private readonly long[] _readableWith = new long[Separators.Length];

    public string DateColumn { get; } = plan.Name(plan.Date);

    public string AmountColumn { get; } = plan.Name(plan.SumLineItems && plan.UnitPrice >= 0 ? plan.UnitPrice : plan.Amount);

    public EvidenceLine? DayFirstOnly { get; private set; }

    public EvidenceLine? MonthFirstOnly { get; private set; }

    public EvidenceLine? Either { get; private set; }

    /// <summary>The lines whose amount the chosen separator cannot read and another can.</summary>
    public EvidenceLine? ReadableOtherwise { get; private set; }

    /// <summary>The separator that reads most of <see cref="ReadableOtherwise"/>'s lines.</summary>
    public DecimalSeparator BetterSeparator =>
        Separators.Where(s => s != chosen).MaxBy(s => _readableWith[Array.IndexOf(Separators, s)]);

    public void Observe(long line, ReadOnlySpan<char> date, ReadOnlySpan<char> amount)
    {
        switch (ImportValueParser.Witness(date))
        {
            case DateOrderWitness.DayFirstOnly:
                DayFirstOnly = Count(DayFirstOnly, line, date);
                break;
            case DateOrderWitness.MonthFirstOnly:
                MonthFirstOnly = Count(MonthFirstOnly, line, date);
                break;
            case DateOrderWitness.Either:
                Either = Count(Either, line, date);
                break;
        }

        if (amount.IsEmpty || ImportValueParser.TryParseAmount(amount, chosen, out _, out _))
        {
            return;
        }

        var readable = false;
        for (var i = 0; i < Separators.Length; i++)
        {
            if (Separators[i] != chosen && ImportValueParser.TryParseAmount(amount, Separators[i], out _, out _))
            {
                _readableWith[i]++;
                readable = true;
            }
        }

        if (readable)
        {
            ReadableOtherwise = Count(ReadableOtherwise, line, amount);
        }
    }

    private static EvidenceLine Count(EvidenceLine? first, long line, ReadOnlySpan<char> text) =>
        first is null ? new EvidenceLine(line, ImportValueParser.Shorten(text.Trim()), 1) : first with { Count = first.Count + 1 };
}
