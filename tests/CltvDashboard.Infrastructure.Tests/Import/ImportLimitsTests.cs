using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Infrastructure.Tests.Import;

public class ImportLimitsTests
{
    [Theory]
    [InlineData("2023-13-45", "there is no month 13")]
    [InlineData("0000-01-01", "there is no year 0")]
    [InlineData("2023-02-30", "2023-02 has no day 30")]
    [InlineData("0001-01-01", "not a plausible date (year 1)")]
    [InlineData("0001-01-01T00:00:00+05:00", "not a plausible date")]
    [InlineData("9999-12-31T23:59:59-05:00", "not a plausible date")]
    [InlineData("1969-12-31", "before 1970-01-01")]
    public void A_date_outside_the_calendar_or_the_plausible_range_is_rejected_with_why(string date, string why)
    {
        var (rows, summary) = ImportFiles.Read($"customer_id,date,amount\na,2024-01-01,1\nb,{date},2\n");

        rows.Should().ContainSingle();
        summary.Problems.Should().ContainSingle().Which.Should().Match<ImportProblem>(p => p.Line == 3 && p.Column == "date" && p.Message.Contains(why));
    }

    [Fact]
    public void The_earliest_day_can_be_set_by_the_business()
    {
        var options = ImportFiles.Options() with { EarliestDay = new DateOnly(2020, 1, 1) };

        var (rows, summary) = ImportFiles.Read("customer_id,date,amount\na,2019-12-31,1\nb,2020-01-01,2\n", options);

        rows.Select(r => r.CustomerKey).Should().Equal("b");
        summary.Problems.Should().ContainSingle().Which.Message.Should().Contain("before 2020-01-01");
    }

    [Fact]
    public void Quantities_prices_and_references_beyond_the_columns_are_rejected_on_both_read_paths()
    {
        var reference = new string('r', 257);
        var channel = new string('c', 129);
        var text = "Client,Day,Total,Qty,Invoice,Source\n"
            + "a,2024-01-01,10,1e15,i1,web\n"
            + $"b,2024-01-01,10,1,{reference},web\n"
            + $"c,2024-01-01,10,1,i3,{channel}\n"
            + "d,2024-01-01,-1000000000001,1,i4,web\n"
            + "e,2024-01-01,10,1,i5,web\n";
        var options = ImportFiles.Options() with
        {
            Mapping = new ColumnMapping("Client", "Day", "Total") { Quantity = "Qty", OrderReference = "Invoice", Channel = "Source" },
        };

        var (rows, summary) = ImportFiles.Read(text, options);

        rows.Select(r => r.CustomerKey).Should().Equal("e");
        summary.Problems.Select(p => (p.Line, p.Column)).Should().Equal((2L, "Qty"), (3L, "Invoice"), (4L, "Source"), (5L, "Total"));
        summary.Problems[1].Message.Should().Contain("257 characters").And.Contain("at most 256");
    }

    [Fact]
    public void A_line_item_order_whose_total_goes_beyond_the_limit_is_rejected_not_overflowed()
    {
        var text = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
            + "536365,A,x,999999,2010-12-01 08:26,999999999999,17850,United Kingdom\n"
            + "536365,B,x,999999,2010-12-01 08:26,999999999999,17850,United Kingdom\n"
            + "536366,A,x,1,2010-12-01 08:28,2.5,17851,United Kingdom\n";

        var (rows, summary) = ImportFiles.Read(text, ImportFiles.Options("GBP"));

        rows.Select(r => r.CustomerKey).Should().Equal("17851");
        summary.Problems.Select(p => p.Line).Should().Equal(2L, 3L);
        summary.RowsRejected.Should().Be(1, "the invoice is one order");
        summary.LinesRejected.Should().Be(2);
    }
}
