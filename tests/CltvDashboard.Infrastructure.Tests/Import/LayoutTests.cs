using System.Text;
using CltvDashboard.Infrastructure.Import;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Import;

public class LayoutTests
{
    [Fact]
    public void Shopify_export_gives_orders_customers_and_net_revenue()
    {
        var (rows, summary) = Read(ShopifyFiles.Export(), Options(currency: null));

        summary.Layout.Should().Be(ImportLayout.Shopify);
        summary.Currency.Should().Be("EUR");
        summary.RowsRead.Should().Be(9);
        rows.Where(r => r.Kind == ImportRowKind.Sale).Select(r => r.OrderReference).Should().Equal("#1001", "#1002", "#1004", "#1006");
        rows.Select(r => r.CustomerKey).Distinct().Should().BeEquivalentTo("ann@example.com", "bob@example.com", "dan@example.com");
        rows.Sum(r => r.Amount).Should().Be(ShopifyFiles.NetRevenue);
        summary.Exclusions.Should().BeEquivalentTo(new Dictionary<string, long> { ["cancelled"] = 1, ["test order"] = 1 });
        summary.Problems.Should().BeEmpty();

        var first = rows[0];
        first.OccurredAt.Should().Be(new DateTimeOffset(2025, 10, 7, 9, 50, 26, TimeSpan.FromHours(2)));
        first.OccurredAt.Offset.Should().Be(TimeSpan.FromHours(2));
        first.Quantity.Should().Be(4);
        first.Channel.Should().Be("web");
        first.Line.Should().Be(2);
        rows.Single(r => r.OrderReference == "#1002:refund").Should().Match<ImportRow>(r => r.Amount == -20m && r.Kind == ImportRowKind.Refund);
    }

    [Fact]
    public void Shopify_order_without_email_is_one_order_rejected_with_each_of_its_lines()
    {
        var file = ShopifyFiles.Header + "\n#2001,,paid,,EUR,10.00,0,0,10.00,2025-10-07 09:50:26 +0200,1,Mug,10.00,,Stripe,0,web\n#2001,,,,,,,,,,1,Cup,5,,,,\n"
            + "#2002,x@example.com,paid,,EUR,10.00,0,0,10.00,2025-10-07 09:50:26 +0200,1,Mug,10.00,,Stripe,0,web\n";
        var (_, summary) = Read(file, Options(currency: null));
        summary.Problems.Select(p => p.ToString()).Should().Equal(
            "line 2, column 'Email': the customer identifier is empty; the row cannot be attributed",
            "line 3, column 'Email': the customer identifier is empty; the row cannot be attributed (the order of line 2)");
        summary.RowsRejected.Should().Be(1);
        summary.LinesRejected.Should().Be(2);
    }

    [Fact]
    public void WooCommerce_export_excludes_unpaid_and_cancelled_orders_and_refunds()
    {
        const string File = "Order ID,Order Status,Order Date,Billing Email,Order Currency,Order Total,Order Refund\n"
            + "501,wc-completed,2025-09-01 10:00:00,ann@example.com,GBP,£45.00,0\n"
            + "502,Processing,2025-09-02 10:00:00,bob@example.com,GBP,£30.00,£5.00\n"
            + "503,Cancelled,2025-09-03 10:00:00,cy@example.com,GBP,£10.00,0\n"
            + "504,Pending payment,2025-09-04 10:00:00,cy@example.com,GBP,£10.00,0\n"
            + "505,Refunded,2025-09-05 10:00:00,ann@example.com,GBP,£20.00,£20.00\n";
        var (rows, summary) = Read(File, Options(currency: "GBP") with { BusinessTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London") });

        summary.Layout.Should().Be(ImportLayout.WooCommerce);
        rows.Sum(r => r.Amount).Should().Be(45m + 30m - 5m + 20m - 20m);
        rows[0].OccurredAt.Offset.Should().Be(TimeSpan.FromHours(1), "September is on British Summer Time");
        summary.Exclusions.Should().BeEquivalentTo(new Dictionary<string, long> { ["cancelled"] = 1, ["not paid"] = 1 });
    }

    [Fact]
    public void Stripe_export_reads_utc_times_refunds_and_skips_failed_charges()
    {
        const string File = "id,Created (UTC),Amount,Amount Refunded,Currency,Captured,Status,Customer ID,Customer Email\n"
            + "ch_1,2025-08-01 12:00,49.00,0.00,usd,true,Paid,cus_A,a@example.com\n"
            + "ch_2,2025-08-02 12:00,20.00,5.00,usd,true,Paid,,b@example.com\n"
            + "ch_3,2025-08-03 12:00,20.00,0.00,usd,false,Failed,cus_A,a@example.com\n";
        var (rows, summary) = Read(File, Options(currency: null) with { BusinessTimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York") });

        summary.Layout.Should().Be(ImportLayout.Stripe);
        rows.Select(r => r.CustomerKey).Should().Equal("cus_A", "b@example.com", "b@example.com");
        rows[0].OccurredAt.Should().Be(new DateTimeOffset(2025, 8, 1, 12, 0, 0, TimeSpan.Zero));
        rows[0].Currency.Should().Be("USD");
        rows.Sum(r => r.Amount).Should().Be(49m + 20m - 5m);
        summary.OrdersExcluded.Should().Be(1);
    }

    [Fact]
    public void Square_export_combines_date_and_time_and_reads_refund_events()
    {
        const string File = "Date,Time,Time Zone,Gross Sales,Net Sales,Partial Refunds,Total Collected,Source,Transaction ID,Event Type,Customer ID\n"
            + "2025-07-01,13:45:10,Eastern Time (US & Canada),$12.00,$12.00,$0.00,$12.50,Point of Sale,T1,Payment,C1\n"
            + "2025-07-02,09:00:00,Eastern Time (US & Canada),$30.00,$30.00,-$10.00,$30.00,Point of Sale,T2,Payment,C2\n"
            + "2025-07-03,10:00:00,Eastern Time (US & Canada),-$12.00,-$12.00,$0.00,($12.50),Point of Sale,T1,Refund,C1\n";
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var (rows, summary) = Read(File, Options() with { BusinessTimeZone = zone });

        summary.Layout.Should().Be(ImportLayout.Square);
        rows[0].OccurredAt.Should().Be(new DateTimeOffset(2025, 7, 1, 13, 45, 10, TimeSpan.FromHours(-4)));
        rows.Select(r => r.Amount).Should().Equal(12.50m, 30m, -10m, -12.50m);
        rows[3].OrderReference.Should().Be("T1:refund");
    }

    [Fact]
    public void Line_item_file_multiplies_quantity_by_unit_price_and_negates_cancellations()
    {
        const string File = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
            + "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
            + "536365,71053,LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom\n"
            + "C536379,D,Discount,-1,12/13/2010 9:41,27.50,14527,United Kingdom\n"
            + "536380,22961,JAM,24,12/14/2010 9:41,1.45,,United Kingdom\n";
        var (rows, summary) = Read(File, Options(currency: "GBP") with { DateOrder = DateOrder.MonthFirst });

        summary.Layout.Should().Be(ImportLayout.LineItems);
        rows.Should().HaveCount(2);
        rows[0].Should().Match<ImportRow>(r => r.Amount == 35.64m && r.Quantity == 12 && r.OrderReference == "536365" && r.Channel == null, "a country is not an acquisition channel");
        rows[0].OccurredAt.Should().Be(new DateTimeOffset(2010, 12, 1, 8, 26, 0, TimeSpan.Zero));
        rows[1].Should().Match<ImportRow>(r => r.Amount == -27.50m && r.Kind == ImportRowKind.Refund);
        summary.Problems.Should().ContainSingle().Which.Column.Should().Be("CustomerID");
    }

    [Fact]
    public void A_country_column_is_the_channel_only_when_chosen_and_line_items_are_still_summed_then()
    {
        const string File = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
            + "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
            + "536365,71053,LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom\n";
        var options = Options(currency: "GBP") with { DateOrder = DateOrder.MonthFirst };

        var (detected, _) = Read(File, options);
        var (chosen, summary) = Read(File, options with { ChannelColumn = "country" });

        detected.Should().ContainSingle().Which.Channel.Should().BeNull();
        summary.Layout.Should().Be(ImportLayout.LineItems);
        chosen.Should().ContainSingle().Which.Should().Match<ImportRow>(r => r.Channel == "United Kingdom" && r.Amount == 35.64m);
        Fails(File, options with { ChannelColumn = "Region" }).Failure.Should().Be(ImportFailure.MissingColumn);
    }

    [Fact]
    public void Plain_customer_date_amount_file_is_the_simple_layout()
    {
        var (rows, summary) = Read("customer_id,date,amount\n  7 ,2025-01-01,-3\n");
        summary.Layout.Should().Be(ImportLayout.Simple);
        rows.Should().ContainSingle().Which.Should().Match<ImportRow>(r =>
            r.CustomerKey == "7" && r.Amount == -3m && r.Currency == "USD" && r.OrderReference == null && r.Kind == ImportRowKind.Refund);
    }

    [Fact]
    public void Semicolon_file_with_decimal_commas_is_read()
    {
        var (rows, summary) = Read("Kunde;Datum;Betrag;Customer ID;Date;Amount\nx;y;z;42;07.10.2025;1.234,50 €\n", Options("EUR"));
        summary.Delimiter.Should().Be(';');
        rows.Should().ContainSingle().Which.Amount.Should().Be(1234.50m);
        rows[0].OccurredAt.Date.Should().Be(new DateTime(2025, 10, 7));
    }

    [Fact]
    public void Unknown_headers_fail_without_a_mapping_and_read_with_one()
    {
        const string File = "who\twhen\thow much\tref\n a1 \t2025-02-03T10:00:00Z\t9.99\tR1\n";
        var error = Fails(File);
        error.Failure.Should().Be(ImportFailure.UnknownLayout);
        error.Message.Should().Be("The columns ('who', 'when', 'how much', 'ref') match no known export. Choose which columns hold the customer, the date and the amount.");

        var mapping = new ColumnMapping("Who", "when", "how much") { OrderReference = "ref" };
        var (rows, summary) = Read(File, Options() with { Mapping = mapping });
        summary.Layout.Should().Be(ImportLayout.Mapped);
        rows.Should().ContainSingle().Which.Should().Match<ImportRow>(r => r.CustomerKey == "a1" && r.OrderReference == "R1" && r.Amount == 9.99m);
    }

    [Fact]
    public void A_mapping_naming_a_missing_column_fails_clearly()
    {
        var error = Fails("a,b,c\n1,2,3\n", Options() with { Mapping = new ColumnMapping("a", "b", "total") });
        error.Failure.Should().Be(ImportFailure.MissingColumn);
        error.Message.Should().Be("The amount column 'total' is not in the file; its columns are 'a', 'b', 'c'.");
    }

    [Fact]
    public void Preview_shows_the_layout_the_first_rows_and_the_date_order_they_prove()
    {
        var file = "customer_id,date,amount\n" + string.Concat(Enumerable.Range(1, 50).Select(i => $"{i},{i % 28 + 1}/03/2025,{i}.00\n"));
        var preview = TransactionFileReader.Preview(Utf8(file), Options(), rowCount: 5);
        preview.Layout.Should().Be(ImportLayout.Simple);
        preview.SuggestedDateOrder.Should().Be(DateOrder.DayFirst);
        preview.SuggestedMapping.Should().Be(new ColumnMapping("customer_id", "date", "amount"));
        preview.Columns.Should().Equal("customer_id", "date", "amount");
        preview.Rows.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(5);
        preview.Problems.Should().Contain(p => p.Message.Contains("ambiguous", StringComparison.Ordinal));
    }

    [Fact]
    public void Preview_of_unknown_headers_lists_the_columns_without_rows()
    {
        var preview = TransactionFileReader.Preview(Utf8("x,y\n1,2\n"), Options());
        preview.Layout.Should().BeNull();
        preview.Rows.Should().BeEmpty();
        preview.Columns.Should().Equal("x", "y");
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_read()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("customer_id,date,amount\nzoë,2025-01-01,5\n")).ToArray();
        var (rows, summary) = Read(new MemoryStream(bytes));
        summary.Encoding.Should().Be("utf-16");
        rows.Should().ContainSingle().Which.CustomerKey.Should().Be("zoë");
    }

    [Fact]
    public void Utf8_with_a_byte_order_mark_keeps_the_first_header()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("customer_id,date,amount\n1,2025-01-01,5\n")).ToArray();
        Read(new MemoryStream(bytes)).Rows.Should().ContainSingle();
    }

    [Fact]
    public void Cdnow_master_file_gives_its_rows_and_customers()
    {
        using var file = File.OpenRead(TestData("cdnow", "cdnow_master.csv"));
        var customers = new HashSet<string>();
        long rows = 0;
        var summary = TransactionFileReader.Read(file, Options(), row =>
        {
            rows++;
            customers.Add(row.CustomerKey);
        });

        rows.Should().Be(69_659);
        customers.Should().HaveCount(23_570);
        summary.Problems.Should().BeEmpty();
        summary.DuplicatesSkipped.Should().Be(0);
    }
}
