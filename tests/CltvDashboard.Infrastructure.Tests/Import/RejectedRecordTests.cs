using CltvDashboard.Infrastructure.Import;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Import;

public class RejectedRecordTests
{
    [Fact]
    public void A_rejected_row_keeps_its_fields_comma_separated_whatever_the_delimiter()
    {
        var (_, summary) = Read("customer_id;date;amount;note\na;2024-01-01;10;ok\nb;2024-01-02;ten;\"say \"\"hi\"\", then go\"\n");

        var problem = summary.Problems.Should().ContainSingle().Which;
        problem.Line.Should().Be(3);
        problem.RawRecord.Should().Be("b,2024-01-02,ten,\"say \"\"hi\"\", then go\"");
    }

    [Fact]
    public void A_rejected_order_of_a_grouped_export_gives_back_each_of_its_lines()
    {
        const string File = "Name,Email,Financial Status,Currency,Total,Created at,Lineitem quantity\n"
            + "#1,a@x.com,paid,EUR,oops,2025-01-01 10:00:00 +0000,1\n"
            + "#1,,,,,,2\n"
            + "#2,b@x.com,paid,EUR,5,2025-01-02 10:00:00 +0000,1\n";

        var (rows, summary) = Read(File, Options(currency: null));

        rows.Should().ContainSingle();
        summary.Problems.Should().HaveCount(2);
        var (first, second) = (summary.Problems[0], summary.Problems[1]);
        first.Column.Should().Be("Total");
        first.RawRecord.Should().Be("#1,a@x.com,paid,EUR,oops,2025-01-01 10:00:00 +0000,1");
        second.Line.Should().Be(3);
        second.RawRecord.Should().Be("#1,,,,,,2");
        second.Message.Should().EndWith("(the order of line 2)");
    }

    [Fact]
    public void A_rejected_row_is_kept_bounded_in_size()
    {
        var huge = new string('x', 50_000);
        var fields = string.Join(",", Enumerable.Repeat(huge, 10));
        var (_, summary) = Read($"customer_id,date,amount,a,b,c,d,e,f,g,h,i,j\nc1,2024-01-01,bad,{fields}\nc2,2024-01-01,1{new string(',', 10)}\n");

        var raw = summary.Problems.Should().ContainSingle().Which.RawRecord!;
        raw.Length.Should().BeLessThan(6_000);
        raw.Should().StartWith("c1,2024-01-01,bad,xxx");
    }

    [Fact]
    public void A_file_without_a_currency_column_and_no_currency_set_fails_naming_the_setting()
    {
        var error = Fails("customer_id,date,amount\na,2024-01-01,10\nb,2024-01-02,5\n", Options(currency: null));

        error.Failure.Should().Be(ImportFailure.NoCurrency);
        error.Message.Should().Contain("choose the currency of rows that name none");
    }

    [Fact]
    public void A_preview_of_a_file_without_a_currency_shows_its_rows_refused_instead_of_failing()
    {
        var preview = TransactionFileReader.Preview(Utf8("customer_id,date,amount\na,2024-01-01,10\n"), Options(currency: null));

        preview.Problems.Should().ContainSingle().Which.Message.Should().Contain("choose the currency of rows that name none");
    }
}
