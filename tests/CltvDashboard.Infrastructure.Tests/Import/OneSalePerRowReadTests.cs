using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Infrastructure.Tests.Import;

/// <summary>
/// An analysis read of a layout whose rows are each one sale takes the reader's span path
/// (<see cref="TransactionFileReader.ReadInto"/>); it must give exactly what the row-object path
/// (<see cref="TransactionFileReader.ReadRows"/>) gives for the same file.
/// </summary>
public class OneSalePerRowReadTests
{
    private const string BadRows =
        """
        customer_id,date,amount
        a,2024-01-01,10.50
        a,2024-01-01,10.50
        ,2024-01-02,3
        b,2024-13-45,4
        b,2027-01-01,4
        b,2024-01-03,abc
        b,2024-01-03,
        c
        c,2024-01-04,€7.25

        d,2024-01-05,(2.00)
        a,2024-01-01,10.5
        d,2024-01-05,-2
        d,07/01/2024,1
        """;

    private const string Mapped =
        """
        Client;Day;Hour;Total;Qty;Invoice;Source;Currency
        a;2024-01-01;09:00;10,50;1;i1;web;EUR
        a;2024-01-01;09:00;10,50;1;i1;web;eur
        a;2024-01-01;09:00;10,50;2;i1;web;EUR
        b;2024-01-02;23:30 +05:00;4;x;i2;shop;EUR
        b;2024-01-02;23:30 +05:00;4;;i2;shop;USD
        b;2024-01-02;23:30 +05:00;4;;i2;shop;EURO
        c;2024-01-03;;5;;;;
        c;2024-01-03;25:00;5;;;;EUR
        a;2024-01-01;09:00;10,50;1;i1;web;EUR
        """;

    private static readonly ColumnMapping MappedColumns = new("Client", "Day", "Total")
    {
        Time = "Hour",
        Quantity = "Qty",
        OrderReference = "Invoice",
        Channel = "Source",
        Currency = "Currency",
    };

    public static TheoryData<string, string?, bool> Files => new()
    {
        { BadRows, null, false },
        { BadRows, "USD", false },
        { Mapped, null, true },
        { Mapped, "EUR", true },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Rows_and_problems_are_those_of_the_row_object_path(string text, string? currency, bool mapped)
    {
        var options = ImportFiles.Options(currency) with
        {
            Mapping = mapped ? MappedColumns : null,
            DecimalSeparator = mapped ? DecimalSeparator.Comma : DecimalSeparator.Auto,
            BusinessTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"),
        };

        var (spanRows, spanSummary, oneSale) = ReadIntoRows(text, options);
        var (objectRows, objectSummary) = ReadRowObjects(text, options);

        oneSale.Should().BeTrue("the layout must take the span path for this comparison to mean anything");
        spanRows.Should().Equal(objectRows);
        spanSummary.Should().BeEquivalentTo(objectSummary, o => o.WithStrictOrdering());
        spanRows.Should().NotBeEmpty();
        spanSummary.Problems.Should().NotBeEmpty();
    }

    [Fact]
    public void Bad_rows_are_reported_with_their_line_and_column()
    {
        var (rows, summary, _) = ReadIntoRows(BadRows, ImportFiles.Options(currency: null));

        summary.Problems.Select(p => (p.Line, p.Column, p.Kind)).Should().Equal(
            (4L, "customer_id", ImportProblemKind.Rejected),
            (5L, "date", ImportProblemKind.Rejected),
            (6L, "date", ImportProblemKind.Rejected),
            (7L, "amount", ImportProblemKind.Rejected),
            (8L, "amount", ImportProblemKind.Rejected),
            (9L, string.Empty, ImportProblemKind.Rejected),
            (14L, "date", ImportProblemKind.Rejected));
        summary.Problems.Where(p => p.Kind == ImportProblemKind.Rejected).Should().OnlyContain(p => p.RawRecord != null);
        summary.Problems[0].RawRecord.Should().Be(",2024-01-02,3");
        // Rows without an order reference are purchases of their own, however often and wherever they repeat.
        rows.Select(r => (r.Customer, r.Amount)).Should().Equal(("a", 10.50m), ("a", 10.50m), ("c", 7.25m), ("d", -2.00m), ("a", 10.5m), ("d", -2m));
        summary.Currency.Should().BeNull();
    }

    [Fact]
    public void Identical_rows_without_a_reference_are_purchases_of_their_own_wherever_they_stand()
    {
        const string Apart = "customer_id,date,amount\nx,2023-01-05,10\ny,2023-01-05,10\nx,2023-01-05,10\n";
        const string Together = "customer_id,date,amount\nx,2023-01-05,10\nx,2023-01-05,10\ny,2023-01-05,10\n";

        var (apart, apartSummary, _) = ReadIntoRows(Apart, ImportFiles.Options());
        var (together, _, _) = ReadIntoRows(Together, ImportFiles.Options());

        apart.Select(r => r.Customer).Should().Equal("x", "y", "x");
        together.Select(r => r.Customer).Should().Equal("x", "x", "y");
        apartSummary.DuplicatesSkipped.Should().Be(0);
        apartSummary.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Identical_rows_with_a_reference_are_one_order_wherever_they_stand()
    {
        const string Apart = "customer_id,date,amount,order_id\nx,2023-01-05,10,o1\ny,2023-01-05,10,o2\nx,2023-01-05,10,o1\n";
        const string Together = "customer_id,date,amount,order_id\nx,2023-01-05,10,o1\nx,2023-01-05,10,o1\ny,2023-01-05,10,o2\n";

        var (apart, apartSummary, oneSale) = ReadIntoRows(Apart, ImportFiles.Options());
        var (together, togetherSummary, _) = ReadIntoRows(Together, ImportFiles.Options());

        oneSale.Should().BeTrue();
        apart.Select(r => r.Customer).Should().Equal("x", "y");
        together.Select(r => r.Customer).Should().Equal("x", "y");
        apartSummary.Problems.Should().ContainSingle().Which.Should().Match<ImportProblem>(p => p.Line == 4 && p.Kind == ImportProblemKind.Duplicate);
        togetherSummary.DuplicatesSkipped.Should().Be(1);
    }

    [Fact]
    public void A_large_file_with_customers_interleaved_gives_the_rows_and_repeats_of_the_row_object_path()
    {
        // Sorted by date, as store exports are: customers return between others' rows, and some rows come twice,
        // far apart, as when two overlapping exports are joined (half of them name their order, which makes the
        // second a duplicate); more rows than one batch of the reader's pipeline.
        var random = new Random(3);
        var text = new System.Text.StringBuilder("customer_id,date,amount,order_id\n");
        var written = new List<string>();
        for (var i = 0; i < 30_000; i++)
        {
            var line = random.Next(10) == 0 && written.Count > 0
                ? written[random.Next(written.Count)]
                : $"c{random.Next(2_000)},{new DateOnly(2023, 1, 1).AddDays(i / 40):yyyy-MM-dd},{random.Next(1, 500)}.{random.Next(100):00},{(random.Next(2) == 0 ? "" : $"o{i}")}";
            written.Add(line);
            text.Append(line).Append('\n');
            if (i % 5_000 == 0)
            {
                text.Append("x,not a date,1\n");
            }
        }

        var options = ImportFiles.Options() with { MaxProblemsKept = 50 };
        var (spanRows, spanSummary, oneSale) = ReadIntoRows(text.ToString(), options);
        var (objectRows, objectSummary) = ReadRowObjects(text.ToString(), options);

        oneSale.Should().BeTrue();
        spanSummary.DuplicatesSkipped.Should().BeInRange(1_000, 2_000);
        spanRows.Should().Equal(objectRows);
        spanSummary.Should().BeEquivalentTo(objectSummary, o => o.WithStrictOrdering());
    }

    [Fact]
    public void A_failing_sink_stops_the_read_with_its_own_error()
    {
        var text = "customer_id,date,amount\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"c{i},2024-01-01,1\n"));
        using var stream = ImportFiles.Utf8(text);
        using var reader = TransactionFileReader.OpenForAnalysis(stream, ImportFiles.Options());

        var read = () => reader.ReadInto(new FailingSink(failAt: 9_000));

        read.Should().Throw<InvalidOperationException>().WithMessage("sink failed at 9000");
    }

    [Fact]
    public void A_file_breaking_down_part_way_fails_with_the_line_after_the_rows_before_are_handed_on()
    {
        var text = "customer_id,date,amount\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"c{i},2024-01-01,1\n")) + "c,2024-01-02,\"5\n";
        using var stream = ImportFiles.Utf8(text);
        using var reader = TransactionFileReader.OpenForAnalysis(stream, ImportFiles.Options());
        var rows = new List<Row>();

        var read = () => reader.ReadInto(new ListSink(rows));

        read.Should().Throw<ImportFileException>().WithMessage("*10,002*");
    }

    [Fact]
    public void A_row_naming_a_dataset_currency_that_is_no_code_is_rejected_as_on_the_row_object_path()
    {
        const string File = "customer_id,date,amount,currency\na,2024-01-01,5,euro\nb,2024-01-02,6,EURO\n";
        var options = ImportFiles.Options("EURO");

        var spanRead = () => ReadIntoRows(File, options);
        var objectRead = () => ReadRowObjects(File, options);

        var expected = objectRead.Should().Throw<ImportFileException>().Which.Message;
        spanRead.Should().Throw<ImportFileException>().Which.Message.Should().Be(expected).And.Contain("is not a currency code");
    }

    [Fact]
    public void A_store_export_is_read_through_its_orders()
    {
        var text = ShopifyFiles.Export();
        var options = ImportFiles.Options("EUR");

        var (spanRows, spanSummary, oneSale) = ReadIntoRows(text, options);
        var (objectRows, objectSummary) = ReadRowObjects(text, options);

        oneSale.Should().BeFalse();
        spanRows.Should().Equal(objectRows).And.NotBeEmpty();
        spanSummary.Should().BeEquivalentTo(objectSummary, o => o.WithStrictOrdering());
    }

    private static (List<Row> Rows, ImportReadSummary Summary, bool OneSale) ReadIntoRows(string text, ImportOptions options)
    {
        var rows = new List<Row>();
        using var stream = ImportFiles.Utf8(text);
        using var reader = TransactionFileReader.OpenForAnalysis(stream, options);
        var columns = reader.Columns.ToArray();
        var plan = options.Mapping is { } mapping ? ImportLayoutDetector.FromMapping(columns, mapping) : ImportLayoutDetector.Detect(columns);
        reader.ReadInto(new ListSink(rows));
        return (rows, reader.Summary, plan!.RowIsOneSale);
    }

    private static (List<Row> Rows, ImportReadSummary Summary) ReadRowObjects(string text, ImportOptions options)
    {
        using var stream = ImportFiles.Utf8(text);
        using var reader = TransactionFileReader.OpenForAnalysis(stream, options);
        var rows = reader.ReadRows().Select(r => new Row(r.CustomerKey, r.OccurredAt, r.Amount)).ToList();
        return (rows, reader.Summary);
    }

    private sealed record Row(string Customer, DateTimeOffset OccurredAt, decimal Amount);

    private sealed class ListSink(List<Row> rows) : IAnalysisRowSink
    {
        public void Add(ReadOnlySpan<char> customer, DateTimeOffset occurredAt, decimal amount) =>
            rows.Add(new Row(customer.ToString(), occurredAt, amount));

        public void Remove(ReadOnlySpan<int> positions)
        {
            for (var i = positions.Length - 1; i >= 0; i--)
            {
                rows.RemoveAt(positions[i]);
            }
        }
    }

    private sealed class FailingSink(int failAt) : IAnalysisRowSink
    {
        private int _rows;

        public void Add(ReadOnlySpan<char> customer, DateTimeOffset occurredAt, decimal amount)
        {
            if (++_rows == failAt)
            {
                throw new InvalidOperationException($"sink failed at {failAt}");
            }
        }

        public void Remove(ReadOnlySpan<int> positions)
        {
        }
    }
}
