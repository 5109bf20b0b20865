using System.Globalization;
using System.Text;
using CltvDashboard.Infrastructure.Import;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Import;

public sealed class ImportCheckTests
{
    private static IReadOnlyList<ImportCheckFinding> Check(string text, DateOrder order = DateOrder.Unspecified, DecimalSeparator separator = DecimalSeparator.Auto,
        ColumnMapping? mapping = null) =>
        ImportCheck.Run(Utf8(text), Options() with { DateOrder = order, DecimalSeparator = separator, Mapping = mapping });

    // Many lines before the one at fault: the check reads the whole file, not the preview's first rows.
    private static string File(int goodLines, params string[] tail)
    {
        var text = new StringBuilder("customer_id,date,amount\n");
        for (var i = 0; i < goodLines; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"c{i},2024-01-{1 + (i % 28):00},10.00\n");
        }

        foreach (var line in tail)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    [Fact]
    public void A_file_that_fits_its_choices_has_no_finding()
    {
        Check(File(50, "x,13/04/2024,5.00", "y,03/04/2024,5.00"), DateOrder.DayFirst).Should().BeEmpty();
    }

    [Fact]
    public void A_date_order_contradicted_deep_in_the_file_is_found_with_its_column_and_line()
    {
        var findings = Check(File(5000, "x,03/04/2024,5.00", "y,04/13/2024,5.00", "z,04/14/2024,5.00"), DateOrder.DayFirst);

        var finding = findings.Should().ContainSingle().Which;
        finding.Column.Should().Be("date");
        finding.Line.Should().Be(5003);
        finding.Message.Should().Contain("line 5,003").And.Contain("'04/13/2024' can only be month-first").And.Contain("2 lines like it")
            .And.Contain("Choose month-first");
    }

    [Fact]
    public void A_file_mixing_both_orders_is_said_to_mix_them()
    {
        var findings = Check(File(3, "x,13/04/2024,5.00", "y,04/13/2024,5.00"), DateOrder.MonthFirst);

        findings.Should().ContainSingle().Which.Message.Should().Contain("line 5: dates are set to be read month-first, but '13/04/2024' can only be day-first")
            .And.Contain("Line 6 ('04/13/2024') can only be month-first, so the file mixes both orders");
    }

    [Fact]
    public void Dates_left_ambiguous_without_a_chosen_order_are_found_and_the_order_the_file_proves_suggested()
    {
        var findings = Check(File(10, "x,03/04/2024,5.00", "y,25/04/2024,5.00"));

        var finding = findings.Should().ContainSingle().Which;
        finding.Line.Should().Be(12);
        finding.Message.Should().Contain("'03/04/2024' can be read day-first or month-first (1 line like it)")
            .And.Contain("Line 13 ('25/04/2024') can only be day-first, so day-first is likely");
    }

    [Fact]
    public void A_date_unreadable_in_every_order_is_left_to_the_report_as_a_rejected_line()
    {
        Check(File(3, "x,not-a-date,5.00", "y,2024-02-30,5.00"), DateOrder.DayFirst).Should().BeEmpty();
    }

    [Fact]
    public void Amounts_the_chosen_separator_cannot_read_are_found_with_the_separator_that_can()
    {
        var findings = Check(File(200, "x,2024-03-01,\"12,50\"", "y,2024-03-02,\"7,25\""), separator: DecimalSeparator.Point);

        var finding = findings.Should().ContainSingle().Which;
        finding.Column.Should().Be("amount");
        finding.Line.Should().Be(202);
        finding.Message.Should().Contain("the amount '12,50' cannot be read with the decimal separator set to Point (1,234.50)")
            .And.Contain("but can with Comma (1.234,50) (2 lines like it)");
    }

    [Fact]
    public void An_amount_unreadable_with_any_separator_is_left_to_the_report()
    {
        Check(File(3, "x,2024-03-01,abc", "y,2024-03-02,"), separator: DecimalSeparator.Point).Should().BeEmpty();
    }

    [Fact]
    public void A_separator_that_reads_no_amount_is_said_before_the_file_fails_as_a_whole()
    {
        var findings = Check(File(3), separator: DecimalSeparator.Comma);

        findings.Select(f => f.Message).Should().SatisfyRespectively(
            first => first.Should().Contain("line 2: the amount '10.00' cannot be read with the decimal separator set to Comma").And.Contain("Choose Point"),
            second => second.Should().StartWith("None of the 3 rows could be used."));
    }

    [Fact]
    public void A_column_chosen_for_two_fields_is_found_before_the_file_is_read()
    {
        var mapping = new ColumnMapping("customer_id", "date", "amount") { OrderReference = "customer_id", Channel = "Amount" };

        var findings = Check(File(3), mapping: mapping);

        findings.Select(f => f.Message).Should().BeEquivalentTo(
            "Column 'customer_id' is chosen for the customer and the order: choose one column for each.",
            "Column 'amount' is chosen for the amount and the channel: choose one column for each.");
    }

    [Fact]
    public void A_file_that_would_fail_as_a_whole_is_found_with_the_imports_own_message()
    {
        var findings = Check(File(0, "x,not-a-date,5.00"));

        findings.Should().ContainSingle().Which.Message.Should().StartWith("None of the 1 rows could be used.");
    }

    [Fact]
    public void Line_item_exports_are_checked_on_their_unit_price()
    {
        var text = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
            + "536365,85123A,HEART,6,12/1/2010 8:26,\"2,55\",17850,United Kingdom\n"
            + "536366,71053,LANTERN,6,12/13/2010 8:28,3.39,17850,United Kingdom\n";

        var findings = Check(text, DateOrder.MonthFirst, DecimalSeparator.Point);

        findings.Should().ContainSingle().Which.Message.Should().StartWith("Column 'UnitPrice', line 2: the amount '2,55'");
    }
}
