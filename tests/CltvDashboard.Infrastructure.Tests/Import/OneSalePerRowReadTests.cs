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
            (12L, string.Empty, ImportProblemKind.Duplicate),
            (13L, string.Empty, ImportProblemKind.Duplicate),
            (14L, "date", ImportProblemKind.Rejected));
        summary.Problems.Where(p => p.Kind == ImportProblemKind.Rejected).Should().OnlyContain(p => p.RawRecord != null);
        summary.Problems[0].RawRecord.Should().Be(",2024-01-02,3");
        // a's second row repeats the first within a's run of rows: a repeat purchase, not a duplicate.
        rows.Select(r => (r.Customer, r.Amount)).Should().Equal(("a", 10.50m), ("a", 10.50m), ("c", 7.25m), ("d", -2.00m));
        summary.Currency.Should().BeNull();
    }

    [Fact]
    public void Identical_rows_of_one_customer_in_a_row_are_repeat_purchases_and_elsewhere_duplicates()
    {
        const string File = "customer_id,date,amount\na,2024-01-01,5\na,2024-01-01,5\nb,2024-01-01,5\na,2024-01-01,5\na,2024-01-01,5\na,2024-01-01,5\n";

        var (rows, summary, _) = ReadIntoRows(File, ImportFiles.Options());

        rows.Select(r => r.Customer).Should().Equal("a", "a", "b", "a");
        summary.Problems.Select(p => p.Line).Should().Equal(5L, 6L);
        summary.DuplicatesSkipped.Should().Be(2);
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
        reader.ReadInto((customer, occurredAt, amount) => rows.Add(new Row(customer.ToString(), occurredAt, amount)));
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
}
