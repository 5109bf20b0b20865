using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Infrastructure.Tests.Import;

public class TransactionLogReaderTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData("2024-03-31")]
    [InlineData("2024-03-31T14:05:00")]
    [InlineData("2024-03-31T23:59:59.123")]
    [InlineData("2024-03-31 14:05:00")]
    [InlineData("2024-03-31 02:30:00")]
    [InlineData("20240331")]
    [InlineData("2024-03-31 23:50:26 +0200")]
    [InlineData("2024-03-31T21:59:00Z")]
    [InlineData("2024-03-30T23:10:00Z")]
    public void Days_are_cut_by_the_purchase_day_rule_in_the_business_zone(string written)
    {
        var (log, _) = Read($"customer_id,date,amount\na,{written},10\n", Paris);

        log.FirstDay.Should().Be(new DateOnly(2024, 3, 31));
    }

    [Fact]
    public void An_offset_is_converted_to_the_business_zone_not_taken_as_written()
    {
        const string File = "customer_id,date,amount\na,2024-03-31T23:50:26-07:00,10\n";

        Read(File, TimeZoneInfo.Utc).Log.FirstDay.Should().Be(new DateOnly(2024, 4, 1));
        Read(File, TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles")).Log.FirstDay.Should().Be(new DateOnly(2024, 3, 31));
    }

    [Fact]
    public void Rows_are_excluded_refunded_and_deduplicated_as_the_import_does()
    {
        var (log, summary) = Read(
            """
            customer_id,date,amount,status,order_id
            a,2024-01-01,10,paid,o1
            a,2024-01-02,99,cancelled,o2
            b,2024-01-03,20,refunded,o3
            c,2024-01-04,5,paid,o4
            a,2024-01-01,10,paid,o1
            """,
            TimeZoneInfo.Utc);

        summary.OrdersExcluded.Should().Be(1);
        summary.DuplicatesSkipped.Should().Be(1, "order o1 is listed twice");
        log.Count.Should().Be(4);
        new CustomerSummaryBuilder(log).Build(new SummaryPeriod(new DateOnly(2024, 1, 4), new DateOnly(2024, 1, 4), TimeUnit.Day))
            .Customers.Should().HaveCount(2, "b's only purchase was refunded the same day, so b has no occasion");
    }

    [Fact]
    public void A_file_that_names_no_currency_is_read_without_one()
    {
        var (log, summary) = Read("customer_id,date,amount\na,2024-01-01,10\nb,2024-01-02,5\n", TimeZoneInfo.Utc, currency: null);

        log.Count.Should().Be(2);
        summary.RowsRejected.Should().Be(0);
    }

    private static (TransactionLog Log, ImportReadSummary Summary) Read(string text, TimeZoneInfo zone, string? currency = "USD")
    {
        var log = new TransactionLog();
        using var stream = ImportFiles.Utf8(text);
        var summary = TransactionLogReader.Read(stream, ImportFiles.Options(currency) with { BusinessTimeZone = zone }, log);
        return (log, summary);
    }
}
