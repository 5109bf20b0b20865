using System.Text;
using CltvDashboard.Infrastructure.Import;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Import;

public class BadFileTests
{
    [Fact]
    public void Empty_file_fails_as_empty()
    {
        var error = Fails(new MemoryStream());
        error.Failure.Should().Be(ImportFailure.Empty);
        error.Message.Should().Be("The file is empty; it needs a header row and at least one transaction.");
    }

    [Fact]
    public void Blank_lines_only_fail_as_empty() => Fails("\r\n\r\n  \n").Failure.Should().Be(ImportFailure.Empty);

    [Fact]
    public void Header_only_fails_as_header_only()
    {
        var error = Fails("customer_id,date,amount\r\n");
        error.Failure.Should().Be(ImportFailure.HeaderOnly);
        error.Message.Should().Be("The file has a header row but no transactions.");
    }

    [Fact]
    public void Binary_garbage_fails_as_binary()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        var error = Fails(new MemoryStream(bytes));
        error.Failure.Should().Be(ImportFailure.Binary);
        error.Message.Should().StartWith("The file contains binary data (a NUL byte at offset");
    }

    [Fact]
    public void Nul_byte_after_the_first_block_fails_as_binary()
    {
        var text = new StringBuilder("customer_id,date,amount\n");
        for (var i = 0; i < 10_000; i++)
        {
            text.Append('c').Append(i).Append(",2025-01-01,10.00\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.Append("x,2025-01-01,\0\0\n").ToString());
        Fails(new MemoryStream(bytes)).Failure.Should().Be(ImportFailure.Binary);
    }

    [Fact]
    public void Excel_workbook_is_named_as_such()
    {
        var error = Fails(new MemoryStream([.. "PK\u0003\u0004"u8, 1, 2, 3]));
        error.Failure.Should().Be(ImportFailure.Binary);
        error.Message.Should().Contain("Excel workbook");
    }

    [Fact]
    public void Wrong_delimiter_names_the_single_column()
    {
        var error = Fails("customer_id|date|amount\n1|2025-01-01|10\n");
        error.Failure.Should().Be(ImportFailure.UnknownLayout);
        error.Message.Should().Contain("single column 'customer_id|date|amount'").And.Contain("comma, a semicolon or a tab");
    }

    [Fact]
    public void Rows_with_another_delimiter_than_the_header_are_reported_with_their_line()
    {
        var error = Fails("customer_id,date,amount\n1;2025-01-01;10\n2;2025-01-02;11\n");
        error.Failure.Should().Be(ImportFailure.NoUsableRow);
        error.Message.Should().Be(
            "None of the 2 rows could be used. The first problem: line 2: the row has 1 field(s) where the header has 3; is ',' the delimiter of every line?.");
    }

    [Fact]
    public void Unbalanced_quotes_fail_as_malformed_or_too_long()
    {
        var error = Fails("customer_id,date,amount\n1,\"2025-01-01,10\n2,2025-01-02,11\n", Options() with { MaxLineLength = 4096 });
        error.Failure.Should().BeOneOf(ImportFailure.MalformedCsv, ImportFailure.LineTooLong);
        error.Message.Should().Contain("Line 2").And.Contain("quote");
    }

    [Fact]
    public void Latin1_text_fails_as_an_unsupported_encoding()
    {
        var bytes = Encoding.Latin1.GetBytes("customer_id,date,amount\nJosé,2025-01-01,10\n");
        var error = Fails(new MemoryStream(bytes));
        error.Failure.Should().Be(ImportFailure.UnsupportedEncoding);
        error.Message.Should().Be(
            "The file is not valid UTF-8 (at byte 27); it is probably in a legacy encoding such as Windows-1252 or Latin-1. Save it as UTF-8 (or UTF-16) and upload it again.");
    }

    [Fact]
    public void Utf32_fails_as_an_unsupported_encoding()
    {
        var bytes = new UTF32Encoding(false, true).GetPreamble().Concat(Encoding.UTF32.GetBytes("customer_id,date,amount\n1,2025-01-01,10\n")).ToArray();
        Fails(new MemoryStream(bytes)).Message.Should().StartWith("The file is in UTF-32, which is not supported");
    }

    [Fact]
    public void A_100_MB_single_line_fails_at_the_line_limit_without_reading_the_whole_file()
    {
        var upload = new LongLineStream(100L * 1024 * 1024);
        var error = Fails(upload);
        error.Failure.Should().Be(ImportFailure.LineTooLong);
        error.Message.Should().Be(
            "Line 2 is longer than 1,048,576 characters (or a quote opened there is never closed); the file is not a usable CSV export.");
        upload.BytesServed.Should().BeLessThan(10L * 1024 * 1024);
    }

    [Fact]
    public void A_long_header_line_fails_at_a_configured_limit()
    {
        var error = Fails(new string('x', 50_000) + "\n1,2,3\n", Options() with { MaxLineLength = 10_000 });
        error.Failure.Should().Be(ImportFailure.LineTooLong);
        error.Message.Should().StartWith("Line 1 is longer than 10,000 characters");
    }

    [Fact]
    public void Dates_in_the_future_are_reported_and_the_rest_is_read()
    {
        var (rows, summary) = Read("customer_id,date,amount\n1,2025-12-31,10\n2,2026-01-02,11\n");
        rows.Should().ContainSingle().Which.CustomerKey.Should().Be("1");
        summary.Problems.Should().ContainSingle().Which.ToString().Should().Be(
            "line 3, column 'date': '2026-01-02' is in the future (after 2026-01-01 00:00 +00:00)");
    }

    [Fact]
    public void Non_numeric_amounts_are_reported_with_line_and_column()
    {
        var (rows, summary) = Read("customer_id,date,amount\n1,2025-01-01,ten\n2,2025-01-02,\n3,2025-01-03,4.5\n");
        rows.Should().ContainSingle();
        summary.RowsRejected.Should().Be(2);
        summary.Problems.Select(p => p.ToString()).Should().Equal(
            "line 2, column 'amount': 'ten' is not an amount (expected e.g. 12.50, 1,234.50, €12,50 or (5.00))",
            "line 3, column 'amount': the amount is empty");
    }

    [Fact]
    public void Rows_in_a_second_currency_are_reported_not_summed()
    {
        var (rows, summary) = Read(
            "customer_id,date,amount,currency\n1,2025-01-01,10,EUR\n2,2025-01-02,20,USD\n3,2025-01-03,30,eur\n", Options(currency: null));
        rows.Select(r => r.Amount).Should().Equal(10m, 30m);
        summary.Currency.Should().Be("EUR");
        summary.Problems.Should().ContainSingle().Which.ToString().Should().Be(
            "line 3, column 'currency': the row is in USD but the dataset is in EUR; amounts in another currency are not summed");
    }

    [Fact]
    public void Rows_of_an_order_listed_again_elsewhere_in_the_file_are_skipped_as_duplicates()
    {
        var (rows, summary) = Read(
            "customer_id,date,amount,order_id\n1,2025-01-01,10,A\n2,2025-01-02,20,B\n1,2025-01-01,10,A\n2,2025-01-02,20.00,B\n3,2025-01-03,30,C\n");
        rows.Select(r => r.CustomerKey).Should().Equal("1", "2", "3");
        summary.DuplicatesSkipped.Should().Be(2);
        summary.Problems.Select(p => p.ToString()).Should().Equal(
            "line 4: repeats line 2 (same customer, date, amount and reference); skipped",
            "line 5: repeats line 3 (same customer, date, amount and reference); skipped");
        summary.Problems.Should().OnlyContain(p => p.Kind == ImportProblemKind.Duplicate);
    }

    [Fact]
    public void Identical_rows_without_a_reference_are_all_kept_and_the_later_ones_marked_for_the_store_to_number()
    {
        var (rows, summary) = Read("customer_id,date,amount\n1,2025-01-01,10\n2,2025-01-01,10\n1,2025-01-01,10\n");
        rows.Select(r => r.CustomerKey).Should().Equal("1", "2", "1");
        rows[2].ContentHash.Should().Be(rows[0].ContentHash);
        rows.Select(r => r.MayRepeat).Should().Equal(false, false, true);
        summary.DuplicatesSkipped.Should().Be(0);
    }

    [Fact]
    public void The_same_file_read_twice_gives_the_same_hashes()
    {
        const string File = "customer_id,date,amount\n1,2025-01-01,10\n1,2025-01-01,10\n2,2025-03-01,-4\n";
        Read(File).Rows.Select(r => r.ContentHash).Should().Equal(Read(File).Rows.Select(r => r.ContentHash));
    }

    [Fact]
    public void A_row_without_a_customer_is_reported()
    {
        var (_, summary) = Read("customer_id,date,amount\n,2025-01-01,10\n2,2025-01-02,20\n");
        summary.Problems.Should().ContainSingle().Which.ToString().Should().Be(
            "line 2, column 'customer_id': the customer identifier is empty; the row cannot be attributed");
    }

    [Fact]
    public void Invalid_utf8_after_the_first_block_fails_with_its_line()
    {
        var text = new StringBuilder("customer_id,date,amount\n");
        for (var i = 0; i < 10_000; i++)
        {
            text.Append(i).Append(",2025-01-01,10.00\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString()).Concat(new byte[] { 0xE9, (byte)',', (byte)'1', (byte)'\n' }).ToArray();
        var error = Fails(new MemoryStream(bytes));
        error.Failure.Should().Be(ImportFailure.UnsupportedEncoding);
        error.Message.Should().Contain("not valid UTF-8");
    }
}
