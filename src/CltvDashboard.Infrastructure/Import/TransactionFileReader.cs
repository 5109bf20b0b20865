using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using CltvDashboard.Domain.Transactions;
using Sylvan.Data.Csv;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// Streams an uploaded transaction file into normalised <see cref="ImportRow"/>s and <see cref="ImportProblem"/>s,
/// holding one order at a time whatever the size of the file. Open it with <see cref="Open"/>, enumerate
/// <see cref="ReadRows"/> once, then read <see cref="Summary"/>; or use <see cref="Read"/> and <see cref="Preview"/>.
/// </summary>
/// <remarks>
/// Business rules, in the order they apply to an order (a row, or an order's consecutive rows in grouped exports):
/// <list type="number">
/// <item>Grouped exports (Shopify, WooCommerce with an order id, line items with an invoice number): consecutive rows
/// with the same reference are one order; order-level fields (total, status, cancelled at, refunded amount, email,
/// currency, date) are taken from its first row, quantities are summed. Rows of one order must be adjacent, as the
/// exports write them.</item>
/// <item>Excluded, counted in <see cref="ImportReadSummary.Exclusions"/> and not reported as problems: a non-empty
/// Cancelled at (Shopify); a status meaning cancelled, voided/expired, failed/declined, or not paid yet
/// (pending, authorized, on-hold, draft); Stripe charges with Captured = false; test orders (Shopify's Bogus gateway,
/// Stripe Mode = test or Livemode = false, a status of "test").</item>
/// <item>A row without a customer identifier is rejected (no guest customers are invented).</item>
/// <item>A full refund (status refunded) gives the sale row and a refund row of the whole amount; a refunded amount
/// column (Shopify Refunded Amount, Stripe Amount Refunded, Square Partial Refunds, WooCommerce refund) gives a refund
/// row of that amount, dated like the order because the exports do not date refunds. A refund event (Square's Event
/// Type Refund, a status of "refund") is one negative row. Line-item invoices whose number starts with a
/// cancellation prefix ('C') or whose quantities are negative are negative rows.</item>
/// <item>Amounts: the order's total as exported (Shopify Total, Stripe Amount, Square Total Collected or else Net
/// Sales, WooCommerce Order Total): what the customer paid, taxes and shipping included.</item>
/// <item>One currency per dataset: <see cref="ImportOptions.DatasetCurrency"/> when appending to a dataset that has
/// one, else the first one a row names (or gets from <see cref="ImportOptions.Currency"/>, the currency of rows that
/// name none); a row in another currency is rejected, never summed.</item>
/// <item>A date after <see cref="ImportOptions.Now"/> is rejected.</item>
/// <item>Repeated lines, the same for any order of the lines: a row with an order reference is that order, so a row
/// identical to an earlier one (same customer, instant, amount, currency, reference, channel and quantity) is skipped
/// as a duplicate (found within <see cref="ImportOptions.DuplicateWindow"/> rows; beyond it the store's dedupe on the
/// same hash skips it). A row without a reference is a purchase of its own: the n-th identical such row of a file is
/// the n-th purchase (two coffees on one day; the CDNOW data lists same-day repeat purchases this way), stored under
/// a hash of its own that the store derives from the occurrence, so that importing the file again still adds
/// nothing.</item>
/// <item>Any other status (paid, completed, processing, succeeded, partially refunded, ...) or none is a sale.</item>
/// </list>
/// </remarks>
public sealed class TransactionFileReader : IDisposable
{

    private readonly ImportTextSource _source;
    private readonly CsvDataReader _csv;
    private readonly ImportOptions _options;
    private readonly ImportLayoutPlan? _plan;
    private readonly List<ImportProblem> _problems = [];
    private readonly Dictionary<string, long> _exclusions = new(StringComparer.Ordinal);
    private readonly int _expectedRows;
    private SeenKeys? _seen;
    private KeyFilter? _unreferenced;
    private readonly List<ImportRow> _ready = new(2);
    private readonly PendingOrder _pending = new();
    private readonly RowContentHash _hash;
    private readonly Func<bool> _nextRecord;
    private string? _lastCustomer;
    private char[] _dateText = new char[64];
    private string? _currency;
    private readonly string? _currencyOfRowsNamingNone;
    private string? _acceptedCurrency;
    private long _rowsRead;
    private long _produced;
    private long _rejected;
    private long _duplicates;
    private long _excluded;
    private long _problemCount;
    private long _linesUsed;
    private long _linesRejected;
    private long _linesExcluded;
    private readonly Dictionary<string, (long Lines, decimal? Value)> _rejectedByReason = new(StringComparer.Ordinal);
    private bool _judgingOrder;
    private bool _started;
    private bool _failWithoutCurrency;
    private DateOrder _provenOrder;
    private ImportCheckEvidence? _evidence;

    private TransactionFileReader(ImportTextSource source, CsvDataReader csv, ImportOptions options, ImportLayoutPlan? plan, bool forStore, int expectedRows)
    {
        _hash = new RowContentHash(forStore);
        _expectedRows = expectedRows;
        _source = source;
        _csv = csv;
        _options = options;
        _plan = plan;
        _currency = options.DatasetCurrency?.Trim().ToUpperInvariant();
        _currencyOfRowsNamingNone = options.Currency?.Trim().ToUpperInvariant();
        // Made once: passing the method group to Guard would allocate a delegate for every row.
        _nextRecord = csv.Read;
        Columns = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
    }

    /// <summary>The header row as written.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The layout the file is read as.</summary>
    public ImportLayout Layout => _plan?.Layout ?? ImportLayout.Mapped;

    /// <summary>The header row in the form of <see cref="ImportProblem.RawRecord"/>.</summary>
    public string HeaderRecord => RawRecordFormat.Encode(Columns.Count, Columns, static (columns, i) => columns[i]);

    /// <summary>
    /// Receives every rejected row as it is found, on the thread enumerating <see cref="ReadRows"/>, beyond the
    /// <see cref="ImportOptions.MaxProblemsKept"/> the summary keeps.
    /// </summary>
    internal Action<ImportProblem>? OnRejected { get; set; }

    /// <summary>The counts and problems so far; final once <see cref="ReadRows"/> has been enumerated to the end.</summary>
    public ImportReadSummary Summary => new(
        Layout, _source.EncodingName, _source.Delimiter, _currency, _rowsRead, _produced, _rejected, _duplicates, _excluded,
        new Dictionary<string, long>(_exclusions), _problems.ToArray())
    {
        LinesUsed = _linesUsed,
        LinesRejected = _linesRejected,
        LinesExcluded = _linesExcluded,
        RejectedByReason = [.. _rejectedByReason.OrderByDescending(r => r.Value.Lines).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new RejectedLines(r.Key, r.Value.Lines, r.Value.Value))],
    };

    /// <summary>
    /// Opens a file: checks the encoding and that it is text, finds the delimiter, reads the header and detects the
    /// layout (or applies <see cref="ImportOptions.Mapping"/>). Nothing else is read until <see cref="ReadRows"/>.
    /// </summary>
    /// <param name="stream">The upload, positioned at its start; left open.</param>
    /// <param name="options">How to read it.</param>
    /// <exception cref="ImportFileException">The file cannot be imported at all; the message says why.</exception>
    public static TransactionFileReader Open(Stream stream, ImportOptions options) => OpenCore(stream, options, allowUnknownLayout: false, forStore: true);

    /// <summary>
    /// Opens a file to be analysed rather than stored: the same layouts, rules and in-file dedupe, but rows carry no
    /// content hash (only the store dedupes on it; SHA-256 is a good part of reading time) and a row that names no
    /// currency when none is set is read in <see cref="NoCurrency"/> instead of failing the file, since an analysis
    /// never sums two datasets.
    /// </summary>
    internal static TransactionFileReader OpenForAnalysis(Stream stream, ImportOptions options) =>
        OpenCore(stream, options, allowUnknownLayout: false, forStore: false);

    /// <summary>ISO 4217's code for "no currency", given to rows of an analysed file that name none.</summary>
    internal const string NoCurrency = "XXX";

    /// <summary>Reads a whole file, handing each row to <paramref name="onRow"/> as it is read.</summary>
    /// <param name="stream">The upload, positioned at its start; left open.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="onRow">Receives each row, in file order.</param>
    /// <returns>The counts and problems.</returns>
    /// <exception cref="ImportFileException">The file cannot be imported at all; the message says why.</exception>
    public static ImportReadSummary Read(Stream stream, ImportOptions options, Action<ImportRow> onRow)
    {
        ArgumentNullException.ThrowIfNull(onRow);
        using var reader = Open(stream, options);
        foreach (var row in reader.ReadRows())
        {
            onRow(row);
        }

        return reader.Summary;
    }

    /// <summary>The layout found and the first rows as they would be read, for the user to confirm before importing.</summary>
    /// <param name="stream">The upload, positioned at its start; left open.</param>
    /// <param name="options">How to read it; with no mapping, an unknown layout gives a preview without rows.</param>
    /// <param name="rowCount">How many rows to read at most.</param>
    /// <exception cref="ImportFileException">The file is empty, binary, in another encoding or malformed.</exception>
    public static ImportPreview Preview(Stream stream, ImportOptions options, int rowCount = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowCount);
        using var reader = OpenCore(stream, options, allowUnknownLayout: true, forStore: true);
        var rows = new List<ImportRow>();
        if (reader._plan is not null)
        {
            foreach (var row in reader.Enumerate(checkEnd: false))
            {
                rows.Add(row);
                if (rows.Count >= rowCount || reader._rowsRead >= rowCount * 10L)
                {
                    break;
                }
            }
        }

        return new ImportPreview(
            reader.Columns, reader._source.EncodingName, reader._source.Delimiter, reader._plan?.Layout, reader._plan?.ToMapping(),
            reader._provenOrder, rows, reader._problems.ToArray());
    }

    /// <summary>
    /// Reads every usable row of a file opened with <see cref="OpenForAnalysis"/> into <paramref name="sink"/>, with
    /// the rules of <see cref="ReadRows"/>. Where each row of the layout is one sale (<see cref="ImportLayoutPlan.RowIsOneSale"/>)
    /// the fields are read straight from the parser's buffer, with no order to assemble and no string or row object
    /// per row, and orders listed again are found once the file is in (<see cref="RepeatedRows"/>) and removed from the
    /// sink: every repeat, where <see cref="ReadRows"/> remembers <see cref="ImportOptions.DuplicateWindow"/> rows. Other
    /// layouts go through <see cref="ReadRows"/>.
    /// </summary>
    /// <exception cref="ImportFileException">As for <see cref="ReadRows"/>.</exception>
    internal void ReadInto(IAnalysisRowSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (_hash.ForStore || _plan is not { RowIsOneSale: true } plan)
        {
            foreach (var row in ReadRows())
            {
                sink.Add(row.CustomerKey, row.OccurredAt, row.Amount);
            }

            return;
        }

        Begin(checkEnd: true);
        var rows = new RepeatedRows();
        using (var pipeline = new SalePipeline(sink, rows))
        {
            while (NextRecord(plan, out var line))
            {
                ReadSale(plan, line, pipeline);
            }

            pipeline.Complete();
        }

        RemoveRepeats(sink, rows);
        ThrowIfNothingUsable();
    }

    /// <summary>The rows of the file, read as they are enumerated; enumerate once.</summary>
    /// <exception cref="ImportFileException">
    /// The file breaks down part-way (malformed CSV, a line too long, invalid UTF-8, binary data), has no data row,
    /// or none of its rows is usable.
    /// </exception>
    public IEnumerable<ImportRow> ReadRows() => Enumerate(checkEnd: true);

    // A preview shows the rows before the user has chosen a currency, so only a real read fails the file for it.

    /// <inheritdoc />
    public void Dispose()
    {
        _csv.Dispose();
        _source.Dispose();
        _hash.Dispose();
    }

    // About 24 bytes a row in plain exports; store exports have longer rows, so this only over-sizes them.
    private static int ExpectedRows(Stream stream) =>
        (int)Math.Min(Array.MaxLength, (stream.CanSeek ? stream.Length - stream.Position : (stream as Writing.HashingReadStream)?.Remaining ?? 0) / 24);

    private static TransactionFileReader OpenCore(Stream stream, ImportOptions options, bool allowUnknownLayout, bool forStore)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        var expectedRows = ExpectedRows(stream);
        var source = ImportTextSource.Open(stream);
        try
        {
            var csvOptions = new CsvDataReaderOptions
            {
                HasHeaders = true,
                Delimiter = source.Delimiter,

                // Shopify order names start with '#'; no store export writes comment lines, and NUL never reaches the parser.
                Comment = '\0',
                BufferSize = Math.Min(1 << 16, options.MaxLineLength),
                MaxBufferSize = options.MaxLineLength,
            };
            // The parser reads ahead into the first row while it reads the header, so its failure may be on either line.
            var headerLine = source.HeaderLength >= 0 && source.HeaderLength <= options.MaxLineLength ? 2 : 1;
            var csv = Guard(headerLine, options, () => CsvDataReader.Create(source.Reader, csvOptions));
            var columns = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
            var plan = options.Mapping is { } mapping ? ImportLayoutDetector.FromMapping(columns, mapping) : ImportLayoutDetector.Detect(columns);
            if (plan is not null && options.Mapping is null && options.ChannelColumn is { Length: > 0 } channel)
            {
                plan = ImportLayoutDetector.WithChannel(plan, columns, channel);
            }
            if (plan is null && !allowUnknownLayout)
            {
                var hint = columns.Length == 1
                    ? $" There is a single column '{ImportValueParser.Shorten(columns[0])}': columns must be separated by a comma, a semicolon or a tab."
                    : " Choose which columns hold the customer, the date and the amount.";
                csv.Dispose();
                throw new ImportFileException(
                    ImportFailure.UnknownLayout,
                    $"The columns ({string.Join(", ", columns.Select(c => $"'{ImportValueParser.Shorten(c)}'"))}) match no known export.{hint}");
            }

            return new TransactionFileReader(source, csv, options, plan, forStore, expectedRows);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private static T Guard<T>(long line, ImportOptions options, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (CsvRecordTooLargeException e)
        {
            throw new ImportFileException(
                ImportFailure.LineTooLong,
                $"Line {line:N0} is longer than {options.MaxLineLength:N0} characters (or a quote opened there is never closed); the file is not a usable CSV export.",
                e);
        }
        catch (CsvMissingHeadersException e)
        {
            throw new ImportFileException(ImportFailure.Empty, "The file is empty; it needs a header row and at least one transaction.", e);
        }
        catch (CsvFormatException e)
        {
            throw new ImportFileException(
                ImportFailure.MalformedCsv, $"Line {line:N0}: a quoted field is never closed (unbalanced quotes); the CSV is malformed.", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new ImportFileException(ImportFailure.UnsupportedEncoding, $"Near line {line:N0}: {ImportTextSource.InvalidUtf8(-1).Message}", e);
        }
    }

    private ImportLayoutPlan Begin(bool checkEnd)
    {
        if (_started)
        {
            throw new InvalidOperationException("The rows of a file can be read once.");
        }

        _started = true;
        _failWithoutCurrency = checkEnd;
        return _plan ?? throw new InvalidOperationException("The layout is unknown; pass a column mapping.");
    }

    // Moves the parser to the next record that is not blank and gives its line number.
    private bool NextRecord(ImportLayoutPlan plan, out long line)
    {
        while (Guard(_rowsRead + 2, _options, _nextRecord))
        {
            if (_csv.RowFieldCount <= 1 && _csv.GetFieldSpan(0).IsWhiteSpace())
            {
                continue;
            }

            _rowsRead++;
            line = _rowsRead + 1;
            if (_provenOrder == DateOrder.Unspecified && _rowsRead <= 1000)
            {
                _provenOrder = ImportValueParser.ProvenOrder(Field(plan.Date));
            }

            _evidence?.Observe(line, Field(plan.Date), Field(plan.SumLineItems && plan.UnitPrice >= 0 ? plan.UnitPrice : plan.Amount));
            return true;
        }

        line = 0;
        return false;
    }

    /// <summary>
    /// Reads the whole file as an import would, without storing or hashing anything, and gathers what the review
    /// checks before queueing it: the date orders its dates prove, the amounts the chosen separator cannot read.
    /// A row naming no currency when none is set is read in <see cref="NoCurrency"/>: the currency is not judged here.
    /// </summary>
    /// <exception cref="ImportFileException">The file cannot be imported at all, as <see cref="ReadRows"/> throws it.</exception>
    /// <param name="stream">The file, positioned at its start; left open.</param>
    /// <param name="options">How the import would read it.</param>
    /// <param name="found">Receives the evidence as soon as the layout is known, so that it stands when the read then fails.</param>
    internal static void Gather(Stream stream, ImportOptions options, Action<ImportCheckEvidence> found)
    {
        using var reader = OpenCore(stream, options, allowUnknownLayout: false, forStore: false);
        var evidence = new ImportCheckEvidence(options.DecimalSeparator, reader._plan!);
        reader._evidence = evidence;
        found(evidence);
        foreach (var _ in reader.ReadRows())
        {
        }
    }

    private IEnumerable<ImportRow> Enumerate(bool checkEnd)
    {
        var plan = Begin(checkEnd);
        while (NextRecord(plan, out var line))
        {
            if (plan.GroupByOrder && _pending.Active)
            {
                var reference = Field(plan.OrderReference);
                if (!reference.IsEmpty && reference.SequenceEqual(_pending.OrderReference))
                {
                    Accumulate(plan, line);
                    continue;
                }
            }

            FlushPending(plan);
            foreach (var row in _ready)
            {
                yield return row;
            }

            Start(plan, line);
            if (!plan.GroupByOrder)
            {
                FlushPending(plan);
                foreach (var row in _ready)
                {
                    yield return row;
                }
            }
        }

        FlushPending(plan);
        foreach (var row in _ready)
        {
            yield return row;
        }

        if (checkEnd)
        {
            ThrowIfNothingUsable();
        }
    }

    private void ThrowIfNothingUsable()
    {
        if (_rowsRead == 0)
        {
            throw new ImportFileException(ImportFailure.HeaderOnly, "The file has a header row but no transactions.");
        }

        if (_produced == 0)
        {
            var first = _problems.FirstOrDefault(p => p.Kind == ImportProblemKind.Rejected);
            var why = first is not null
                ? $" The first problem: {first}."
                : $" All were left out by the rules ({string.Join(", ", _exclusions.Select(e => $"{e.Key}: {e.Value:N0}"))}).";
            throw new ImportFileException(ImportFailure.NoUsableRow, $"None of the {_rowsRead:N0} rows could be used.{why}");
        }
    }

    private ReadOnlySpan<char> Field(int ordinal) =>
        ordinal >= 0 && ordinal < _csv.RowFieldCount ? _csv.GetFieldSpan(ordinal).Trim() : default;

    private string? Text(int ordinal) => Field(ordinal) is { IsEmpty: false } span ? span.ToString() : null;

    private string? ContactName(ImportLayoutPlan plan)
    {
        if (plan.ContactName.Length == 0)
        {
            return null;
        }

        if (plan.ContactName.Length == 1)
        {
            return Text(plan.ContactName[0]);
        }

        var parts = plan.ContactName.Select(Text).OfType<string>().ToArray();
        return parts.Length == 0 ? null : string.Join(' ', parts);
    }

    private string CurrentRecord() => RawRecordFormat.Encode(_csv.RowFieldCount, _csv, static (csv, i) => csv.GetFieldSpan(i));

    // Problems found while the parser is on the row at fault carry the row at once: it moves on before the order is judged.
    private ImportProblem RowProblem(long line, string column, string message, string reason) =>
        new(line, column, message) { RawRecord = CurrentRecord(), Reason = reason };

    private void Start(ImportLayoutPlan plan, long line)
    {
        var p = _pending;
        p.Reset(line);
        if (plan.GroupByOrder && _hash.ForStore)
        {
            // The parser will be on a later row when the order is judged; its first row is the one to give back.
            p.RawRecord = CurrentRecord();
        }

        if (FieldCountProblem(plan, line) is { } fieldsMissing)
        {
            p.Problem = fieldsMissing;
            return;
        }

        var customer = Customer(plan);
        if (!customer.IsEmpty)
        {
            // Exports list a customer's rows together, so most rows reuse the previous row's string.
            p.Customer = customer.SequenceEqual(_lastCustomer) ? _lastCustomer : _lastCustomer = customer.ToString();
        }

        p.Date = Text(plan.Date);
        p.Time = Text(plan.Time);
        p.Amount = Text(plan.Amount);
        p.Refunded = Text(plan.Refunded);
        p.Currency = Text(plan.Currency);
        p.OrderReference = Text(plan.OrderReference) ?? string.Empty;
        p.Channel = Text(plan.Channel);
        p.Email = Text(plan.Email);
        p.Name = ContactName(plan);
        p.Status = Text(plan.Status);
        p.Cancelled = Text(plan.CancelledAt) is not null;
        p.NotCaptured = Text(plan.Captured) is { } captured && captured.Equals("false", StringComparison.OrdinalIgnoreCase);
        p.Test = Text(plan.TestMarker) is { } marker && OrderStatus.IsTestMarker(marker);
        Accumulate(plan, line);
    }

    private void Accumulate(ImportLayoutPlan plan, long line)
    {
        var p = _pending;
        p.LineCount++;
        if (p.LineCount > 1 && p.RawRecord is not null)
        {
            // Every line of a rejected order goes into the rejected-rows file, not only its first.
            (p.LaterLines ??= []).Add((line, CurrentRecord()));
        }

        if (p.Problem is not null || plan.Quantity < 0)
        {
            return;
        }

        var quantityText = Field(plan.Quantity);
        if (quantityText.IsEmpty && !plan.SumLineItems)
        {
            return;
        }

        if (QuantityProblem(plan, line, quantityText, out var quantity) is { } problem)
        {
            p.Problem = problem;
            return;
        }

        p.Quantity = (p.Quantity ?? 0) + quantity;
        if (plan.SumLineItems)
        {
            var priceText = Field(plan.UnitPrice);
            if (!ImportValueParser.TryParseAmount(priceText, _options.DecimalSeparator, out var price, out var code))
            {
                p.Problem = RowProblem(line, plan.Name(plan.UnitPrice), NotAnAmount(priceText), RejectionReason.UnreadableAmount);
                return;
            }

            if (!ImportLimits.IsWithin(price))
            {
                p.Problem = RowProblem(line, plan.Name(plan.UnitPrice), ImportLimits.AmountBeyond(priceText), RejectionReason.BeyondLimit);
                return;
            }

            // Both within the limit, a line's total cannot overflow; an order's sum is checked against it when emitted.
            p.LineTotal += quantity * price;
            p.AmountCurrency ??= code;
        }
    }

    private ImportProblem? FieldCountProblem(ImportLayoutPlan plan, long line) =>
        _csv.RowFieldCount < _csv.FieldCount && _csv.RowFieldCount <= Math.Max(plan.Date, Math.Max(plan.Amount, plan.UnitPrice))
            ? RowProblem(
                line, string.Empty,
                $"the row has {_csv.RowFieldCount} field(s) where the header has {_csv.FieldCount}; is '{Printable(_source.Delimiter)}' the delimiter of every line?",
                RejectionReason.MissingFields)
            : null;

    // The first non-empty customer column, or empty when all are; a whole number a spreadsheet wrote with a decimal
    // point ("17850.0") is the number itself, so that the same customer keeps one identifier across exports.
    private ReadOnlySpan<char> Customer(ImportLayoutPlan plan)
    {
        foreach (var ordinal in plan.Customer)
        {
            var customer = Field(ordinal);
            if (!customer.IsEmpty)
            {
                return ImportValueParser.WholeNumberPart(customer);
            }
        }

        return default;
    }

    private ImportProblem? QuantityProblem(ImportLayoutPlan plan, long line, ReadOnlySpan<char> text, out decimal quantity) =>
        !ImportValueParser.TryParseAmount(text, DecimalSeparator.Point, out quantity, out _)
            ? RowProblem(line, plan.Name(plan.Quantity), $"'{ImportValueParser.Shorten(text)}' is not a quantity", RejectionReason.UnreadableQuantity)
            : !ImportLimits.IsWithin(quantity)
                ? RowProblem(line, plan.Name(plan.Quantity), ImportLimits.AmountBeyond(text), RejectionReason.BeyondLimit)
                : null;

    private static ImportProblem? CustomerLengthProblem(ImportLayoutPlan plan, long line, int length) =>
        length > ImportLimits.MaxIdentifierLength
            ? new(line, plan.Name(plan.Customer.FirstOrDefault(-1)), ImportLimits.TooLong("customer identifier", length, ImportLimits.MaxIdentifierLength)) { Reason = RejectionReason.TooLong }
            : null;

    private static ImportProblem? TextLengthProblem(ImportLayoutPlan plan, long line, int referenceLength, int channelLength) =>
        referenceLength > ImportLimits.MaxIdentifierLength
            ? new(line, plan.Name(plan.OrderReference), ImportLimits.TooLong("order reference", referenceLength, ImportLimits.MaxIdentifierLength)) { Reason = RejectionReason.TooLong }
            : channelLength > ImportLimits.MaxChannelLength
                ? new(line, plan.Name(plan.Channel), ImportLimits.TooLong("channel", channelLength, ImportLimits.MaxChannelLength)) { Reason = RejectionReason.TooLong }
                : null;

    // From the earliest day the business accepts to now: a year-0001 row is a typing slip that would stretch every
    // cohort and tracking chart over two thousand years.
    private ImportProblem? DateRangeProblem(ImportLayoutPlan plan, long line, ReadOnlySpan<char> dateText, DateTimeOffset occurredAt)
    {
        if (occurredAt > _options.Now)
        {
            return FutureProblem(plan, line, dateText.ToString(), _options.Now);
        }

        return PurchaseDay.Of(occurredAt, _options.BusinessTimeZone) < _options.EarliestDay
            ? new ImportProblem(
                line, plan.Name(plan.Date), $"'{ImportValueParser.Shorten(dateText)}' is before {_options.EarliestDay:yyyy-MM-dd}, the earliest date accepted")
            {
                Reason = RejectionReason.EarlyDate,
            }
            : null;
    }

    private static ImportProblem CustomerProblem(ImportLayoutPlan plan, long line) =>
        new(line, plan.Name(plan.Customer.FirstOrDefault(-1)), "the customer identifier is empty; the row cannot be attributed") { Reason = RejectionReason.NoCustomer };

    private static ImportProblem FutureProblem(ImportLayoutPlan plan, long line, string dateText, DateTimeOffset now) =>
        new(line, plan.Name(plan.Date), $"'{dateText}' is in the future (after {now.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)})")
        {
            Reason = RejectionReason.FutureDate,
        };

    // One record of a layout whose rows are each one sale, judged by the rules Start, Accumulate and Emit apply to an
    // order of one row, in the same order, so that the same file gives the same rows and problems either way.
    private void ReadSale(ImportLayoutPlan plan, long line, SalePipeline pipeline)
    {
        if (FieldCountProblem(plan, line) is { } fieldsMissing)
        {
            Reject(fieldsMissing);
            return;
        }

        decimal? quantity = null;
        var quantityText = Field(plan.Quantity);
        if (!quantityText.IsEmpty)
        {
            if (QuantityProblem(plan, line, quantityText, out var parsed) is { } problem)
            {
                Reject(problem);
                return;
            }

            quantity = parsed;
        }

        var customer = Customer(plan);
        if (customer.IsEmpty)
        {
            Reject(CustomerProblem(plan, line));
            return;
        }

        if (CustomerLengthProblem(plan, line, customer.Length) is { } tooLong)
        {
            Reject(tooLong);
            return;
        }

        var dateText = DateText(plan);
        if (!ImportValueParser.TryParseDate(dateText, _options.DateOrder, _options.BusinessTimeZone, plan.DateIsUtc, out var occurredAt, out var dateError))
        {
            Reject(new ImportProblem(line, plan.Name(plan.Date), dateError) { Reason = RejectionReason.UnreadableDate });
            return;
        }

        if (DateRangeProblem(plan, line, dateText, occurredAt) is { } outOfRange)
        {
            Reject(outOfRange);
            return;
        }

        var amountText = Field(plan.Amount);
        if (!ImportValueParser.TryParseAmount(amountText, _options.DecimalSeparator, out var amount, out var amountCurrency))
        {
            Reject(new ImportProblem(line, plan.Name(plan.Amount), NotAnAmount(amountText)) { Reason = RejectionReason.UnreadableAmount });
            return;
        }

        if (!ImportLimits.IsWithin(amount))
        {
            Reject(new ImportProblem(line, plan.Name(plan.Amount), ImportLimits.AmountBeyond(amountText)) { Reason = RejectionReason.BeyondLimit });
            return;
        }

        var written = Field(plan.Currency);
        var currency = !written.IsEmpty && written.Equals(_acceptedCurrency, StringComparison.OrdinalIgnoreCase)
            ? _acceptedCurrency
            : ResolveCurrency(plan, line, written.IsEmpty ? amountCurrency : written.ToString());
        if (currency is null)
        {
            return;
        }

        var reference = Field(plan.OrderReference);
        if (TextLengthProblem(plan, line, reference.Length, Field(plan.Channel).Length) is { } textTooLong)
        {
            Reject(textTooLong);
            return;
        }

        _produced++;
        _linesUsed++;
        // Only a row with a reference can repeat another: without one, every identical row is a purchase of its own.
        var key = reference.IsEmpty ? 0 : RowContentHash.Key(customer, occurredAt, amount, currency, reference, Field(plan.Channel), quantity);
        pipeline.Add(customer, occurredAt, amount, key, identifiesOrder: !reference.IsEmpty, line);
    }

    // Repeats are noted among the problems in file order, as the row-object path notes them as it meets them.
    private void RemoveRepeats(IAnalysisRowSink sink, RepeatedRows rows)
    {
        var repeats = rows.Find();
        if (repeats.Count == 0)
        {
            return;
        }

        var positions = new int[repeats.Count];
        var noted = new List<ImportProblem>(Math.Min(repeats.Count, _options.MaxProblemsKept));
        for (var i = 0; i < repeats.Count; i++)
        {
            positions[i] = repeats[i].Position;
            if (noted.Count < _options.MaxProblemsKept)
            {
                noted.Add(DuplicateProblem(repeats[i].Line, repeats[i].EarlierLine));
            }
        }

        sink.Remove(positions);
        _produced -= repeats.Count;
        _linesUsed -= repeats.Count;
        _duplicates += repeats.Count;
        _problemCount += repeats.Count;
        var merged = _problems.Concat(noted).OrderBy(p => p.Line).Take(_options.MaxProblemsKept).ToList();
        _problems.Clear();
        _problems.AddRange(merged);
    }

    // The date column, with the time column after a space where the file splits them.
    private ReadOnlySpan<char> DateText(ImportLayoutPlan plan)
    {
        var date = Field(plan.Date);
        var time = Field(plan.Time);
        if (time.IsEmpty)
        {
            return date;
        }

        var length = date.Length + 1 + time.Length;
        if (_dateText.Length < length)
        {
            _dateText = new char[length * 2];
        }

        date.CopyTo(_dateText);
        _dateText[date.Length] = ' ';
        time.CopyTo(_dateText.AsSpan(date.Length + 1));
        return _dateText.AsSpan(0, length);
    }

    private void FlushPending(ImportLayoutPlan plan)
    {
        _ready.Clear();
        if (!_pending.Active)
        {
            return;
        }

        _pending.Active = false;
        _judgingOrder = true;
        try
        {
            if (_pending.Problem is { } early)
            {
                Reject(early);
                return;
            }

            var produced = _produced;
            Emit(plan, _pending);
            if (_produced > produced)
            {
                _linesUsed += _pending.LineCount;
            }
        }
        finally
        {
            _judgingOrder = false;
        }
    }

    private void Emit(ImportLayoutPlan plan, PendingOrder p)
    {
        var line = p.Line;
        var status = OrderStatus.Classify(p.Status);
        var exclusion = p.Cancelled ? "cancelled" : p.Test || status == StatusOutcome.Test ? "test order" : p.NotCaptured ? "not captured" : status switch
        {
            StatusOutcome.Cancelled => "cancelled",
            StatusOutcome.Voided => "voided or expired",
            StatusOutcome.Failed => "failed",
            StatusOutcome.Unpaid => "not paid",
            _ => null,
        };
        if (exclusion is not null)
        {
            _excluded++;
            _linesExcluded += p.LineCount;
            _exclusions[exclusion] = _exclusions.GetValueOrDefault(exclusion) + 1;
            return;
        }

        if (p.Customer is null)
        {
            Reject(CustomerProblem(plan, line));
            return;
        }

        if (CustomerLengthProblem(plan, line, p.Customer.Length) is { } tooLong)
        {
            Reject(tooLong);
            return;
        }

        var dateText = p.Time is null ? p.Date : $"{p.Date} {p.Time}";
        if (!ImportValueParser.TryParseDate(dateText, _options.DateOrder, _options.BusinessTimeZone, plan.DateIsUtc, out var occurredAt, out var dateError))
        {
            Reject(new ImportProblem(line, plan.Name(plan.Date), dateError) { Reason = RejectionReason.UnreadableDate });
            return;
        }

        if (DateRangeProblem(plan, line, dateText, occurredAt) is { } outOfRange)
        {
            Reject(outOfRange);
            return;
        }

        decimal amount;
        var amountCurrency = p.AmountCurrency;
        if (plan.SumLineItems)
        {
            amount = p.LineTotal;
            if (IsCancellationInvoice(p.OrderReference) && amount > 0)
            {
                amount = -amount;
            }
        }
        else if (!ImportValueParser.TryParseAmount(p.Amount, _options.DecimalSeparator, out amount, out amountCurrency))
        {
            Reject(new ImportProblem(line, plan.Name(plan.Amount), NotAnAmount(p.Amount)) { Reason = RejectionReason.UnreadableAmount });
            return;
        }

        if (!ImportLimits.IsWithin(amount))
        {
            var column = plan.SumLineItems ? plan.Name(plan.UnitPrice) : plan.Name(plan.Amount);
            Reject(new ImportProblem(line, column, ImportLimits.AmountBeyond(p.Amount ?? amount.ToString(CultureInfo.InvariantCulture))) { Reason = RejectionReason.BeyondLimit });
            return;
        }

        decimal refund = 0;
        if (p.Refunded is not null && !ImportValueParser.TryParseAmount(p.Refunded, _options.DecimalSeparator, out refund, out _))
        {
            Reject(new ImportProblem(line, plan.Name(plan.Refunded), NotAnAmount(p.Refunded)) { Reason = RejectionReason.UnreadableAmount });
            return;
        }

        if (!ImportLimits.IsWithin(refund))
        {
            Reject(new ImportProblem(line, plan.Name(plan.Refunded), ImportLimits.AmountBeyond(p.Refunded)) { Reason = RejectionReason.BeyondLimit });
            return;
        }

        refund = Math.Abs(refund);
        if (status == StatusOutcome.Refunded && refund == 0)
        {
            refund = Math.Abs(amount);
        }

        var currency = ResolveCurrency(plan, line, p.Currency ?? amountCurrency);
        if (currency is null)
        {
            return;
        }

        if (TextLengthProblem(plan, line, p.OrderReference.Length, p.Channel?.Length ?? 0) is { } textTooLong)
        {
            Reject(textTooLong);
            return;
        }

        var reference = p.OrderReference.Length == 0 ? null : p.OrderReference;
        var channel = p.Channel;
        if (status == StatusOutcome.RefundEvent)
        {
            Add(p, occurredAt, -Math.Abs(amount), currency, RefundReference(reference), channel, p.Quantity, line, ImportRowKind.Refund);
            return;
        }

        Add(p, occurredAt, amount, currency, reference, channel, p.Quantity, line, amount < 0 ? ImportRowKind.Refund : ImportRowKind.Sale);
        if (refund > 0)
        {
            Add(p, occurredAt, -refund, currency, RefundReference(reference), channel, null, line, ImportRowKind.Refund);
        }
    }

    private static string? RefundReference(string? reference) => reference is null ? null : reference + ":refund";

    private string? ResolveCurrency(ImportLayoutPlan plan, long line, string? rowCurrency)
    {
        var column = plan.Currency >= 0 ? plan.Name(plan.Currency) : plan.Name(plan.Amount >= 0 ? plan.Amount : plan.UnitPrice);
        var code = rowCurrency?.Trim().ToUpperInvariant() ?? _currencyOfRowsNamingNone ?? _currency;
        if (code is null && !_hash.ForStore)
        {
            return NoCurrency;
        }

        if (code is null)
        {
            if (_failWithoutCurrency && plan.Currency < 0)
            {
                // No row of such a file can name one, so rejecting them one by one would only bury the cause.
                throw new ImportFileException(
                    ImportFailure.NoCurrency,
                    $"Line {line:N0}: the file has no currency column, its amounts carry no currency sign and no currency is chosen for it; choose the currency of rows that name none (an ISO code such as USD) and import again.");
            }

            Reject(new ImportProblem(line, column, "the row names no currency and none is chosen for the file; choose the currency of rows that name none") { Reason = RejectionReason.NoCurrency });
            return null;
        }

        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            Reject(new ImportProblem(line, column, $"'{ImportValueParser.Shorten(code)}' is not a currency code (expected three letters such as EUR)") { Reason = RejectionReason.NotACurrency });
            return null;
        }

        _currency ??= code;
        if (code != _currency)
        {
            Reject(new ImportProblem(line, column, $"the row is in {code} but the dataset is in {_currency}; amounts in another currency are not summed") { Reason = RejectionReason.OtherCurrency });
            return null;
        }

        // A code that has passed these checks once: a row naming it again in any case needs no copy of its text.
        _acceptedCurrency = _currency;
        return _currency;
    }

    private void Add(
        PendingOrder order, DateTimeOffset occurredAt, decimal amount, string currency, string? reference, string? channel, decimal? quantity, long line,
        ImportRowKind kind)
    {
        var customer = order.Customer!;
        var hash = _hash.Of(customer, occurredAt, amount, currency, reference, channel, quantity, out var key);
        var mayRepeat = false;
        if (reference is not null)
        {
            if (IsDuplicate(key, line))
            {
                return;
            }
        }
        else if (_hash.ForStore)
        {
            // The store numbers the occurrences of these rows' hashes; the filter spares it all but a few.
            _unreferenced ??= new KeyFilter(_expectedRows);
            mayRepeat = _unreferenced.Add(key);
        }

        _produced++;
        _ready.Add(new ImportRow(customer, occurredAt, amount, currency, reference, channel, quantity, line, hash, kind)
        {
            MayRepeat = mayRepeat,
            Email = order.Email,
            Name = order.Name,
        });
    }

    private bool IsDuplicate(ulong key, long line)
    {
        _seen ??= new SeenKeys(Math.Min(_expectedRows, _options.DuplicateWindow));
        if (_seen.Count < _options.DuplicateWindow ? _seen.TryAdd(key, line, out var earlier) : !_seen.TryGetValue(key, out earlier))
        {
            return false;
        }

        _duplicates++;
        Note(DuplicateProblem(line, earlier));
        return true;
    }

    private static ImportProblem DuplicateProblem(long line, long earlier) =>
        new(line, string.Empty, $"repeats line {earlier:N0} (same customer, date, amount and reference); skipped", ImportProblemKind.Duplicate);

    private void Reject(ImportProblem problem)
    {
        _rejected++;
        var lines = _judgingOrder ? Math.Max(1, _pending.LineCount) : 1;
        _linesRejected += lines;
        var value = problem.Reason is RejectionReason.OtherCurrency or RejectionReason.NotACurrency ? (decimal?)null : RejectedValue();
        ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(_rejectedByReason, problem.Reason, out var known);
        tally = known ? (tally.Lines + lines, tally.Value + value) : (lines, value);
        if (problem.RawRecord is null)
        {
            problem = problem with { RawRecord = (_judgingOrder ? _pending.RawRecord : null) ?? CurrentRecord() };
        }

        Note(problem);
        OnRejected?.Invoke(problem);
        if (!_judgingOrder || _pending.RawRecord is null)
        {
            return;
        }

        // The order's other lines go with it, each with its own line and record.
        var order = _pending;
        foreach (var (line, record) in order.LaterLines is null ? [(order.Line, order.RawRecord)] : order.LaterLines.Prepend((order.Line, order.RawRecord)))
        {
            if (line == problem.Line)
            {
                continue;
            }

            var each = problem with { Line = line, RawRecord = record, Message = $"{problem.Message} (the order of line {problem.Line:N0})" };
            Note(each);
            OnRejected?.Invoke(each);
        }
    }

    // What the rejected order or row was worth, as far as its amounts could be read: the report sums it per reason.
    private decimal RejectedValue()
    {
        if (!_judgingOrder)
        {
            return _plan is { } plan && ImportValueParser.TryParseAmount(Field(plan.Amount), _options.DecimalSeparator, out var amount, out _) && ImportLimits.IsWithin(amount)
                ? amount
                : 0;
        }

        var p = _pending;
        if (_plan is { SumLineItems: true })
        {
            return p.LineTotal;
        }

        return ImportValueParser.TryParseAmount(p.Amount, _options.DecimalSeparator, out var total, out _) && ImportLimits.IsWithin(total) ? total : 0;
    }

    private void Note(ImportProblem problem)
    {
        _problemCount++;
        if (_problems.Count < _options.MaxProblemsKept)
        {
            _problems.Add(problem);
        }
    }

    private bool IsCancellationInvoice(string reference) =>
        _options.CancellationPrefixes.Any(prefix => prefix.Length > 0 && reference.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static string NotAnAmount(ReadOnlySpan<char> text) =>
        text.IsEmpty ? "the amount is empty" : $"'{ImportValueParser.Shorten(text)}' is not an amount (expected e.g. 12.50, 1,234.50, €12,50 or (5.00))";

    private static string Printable(char delimiter) => delimiter == '\t' ? "tab" : delimiter.ToString();

    /// <summary>The order being read: the first row's fields, copied because the parser's buffer moves on.</summary>
    private sealed class PendingOrder
    {
        public bool Active { get; set; }

        public long Line { get; private set; }

        public ImportProblem? Problem { get; set; }

        public string? RawRecord { get; set; }

        public string? Customer { get; set; }

        public string? Date { get; set; }

        public string? Time { get; set; }

        public string? Amount { get; set; }

        public string? AmountCurrency { get; set; }

        public string? Refunded { get; set; }

        public string? Currency { get; set; }

        public string OrderReference { get; set; } = string.Empty;

        public string? Channel { get; set; }

        public string? Email { get; set; }

        public string? Name { get; set; }

        public string? Status { get; set; }

        public bool Cancelled { get; set; }

        public bool NotCaptured { get; set; }

        public bool Test { get; set; }

        public decimal? Quantity { get; set; }

        public decimal LineTotal { get; set; }

        public int LineCount { get; set; }

        /// <summary>The lines after the first with their records, kept only where rejected rows are given back.</summary>
        public List<(long Line, string Record)>? LaterLines { get; set; }

        public void Reset(long line)
        {
            Active = true;
            Line = line;
            Problem = null;
            RawRecord = null;
            Customer = Date = Time = Amount = AmountCurrency = Refunded = Currency = Channel = Email = Name = Status = null;
            OrderReference = string.Empty;
            Cancelled = NotCaptured = Test = false;
            Quantity = null;
            LineTotal = 0;
            LineCount = 0;
            LaterLines = null;
        }
    }
}
