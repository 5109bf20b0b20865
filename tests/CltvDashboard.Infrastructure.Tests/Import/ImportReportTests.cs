using CltvDashboard.Infrastructure.Import;
using CltvDashboard.TestSupport;

namespace CltvDashboard.Infrastructure.Tests.Import;

/// <summary>The counts an import report is made of: lines apart from orders, rejected lines by reason with their value.</summary>
public class ImportReportTests
{
    private static readonly OnlineRetailExportGenerator.Export Retail = OnlineRetailExportGenerator.Generate(customers: 400, seed: 4);

    private static ImportOptions RetailOptions => ImportFiles.Options("GBP") with { DateOrder = DateOrder.MonthFirst };

    [Fact]
    public void A_line_item_export_counts_lines_and_orders_apart_and_gives_back_every_line_of_a_rejected_invoice()
    {
        var rejected = new List<ImportProblem>();
        using var stream = ImportFiles.Utf8(Retail.Text);
        using var reader = TransactionFileReader.Open(stream, RetailOptions);
        reader.OnRejected = rejected.Add;

        var rows = reader.ReadRows().ToList();
        var summary = reader.Summary;

        summary.RowsRead.Should().Be(Retail.Lines);
        summary.RowsRejected.Should().Be(Retail.InvoicesWithoutCustomer);
        summary.LinesRejected.Should().Be(Retail.LinesWithoutCustomer).And.BeGreaterThan(Retail.InvoicesWithoutCustomer);
        summary.LinesUsed.Should().Be(Retail.Lines - Retail.LinesWithoutCustomer);
        summary.LinesDuplicate.Should().Be(0);
        summary.RejectedByReason.Should().Equal(new RejectedLines(RejectionReason.NoCustomer, Retail.LinesWithoutCustomer, Retail.ValueWithoutCustomer));
        rejected.Should().HaveCount(Retail.LinesWithoutCustomer);
        rejected.Select(p => p.Line).Should().OnlyHaveUniqueItems();
        rejected.Should().OnlyContain(p => p.RawRecord != null && p.RawRecord.EndsWith(",United Kingdom", StringComparison.Ordinal) && p.Reason == RejectionReason.NoCustomer);
        rows.Select(r => r.CustomerKey).Distinct().Should().HaveCount(Retail.Customers);
    }

    [Fact]
    public void Customer_ids_written_as_decimal_numbers_are_stored_as_whole_numbers()
    {
        var (rows, _) = ImportFiles.Read(Retail.Text, RetailOptions);

        rows.Should().OnlyContain(r => !r.CustomerKey.Contains('.'));
        rows.Should().Contain(r => r.CustomerKey == "12346");
    }

    [Theory]
    [InlineData("17850.0", "17850")]
    [InlineData("17850.000", "17850")]
    [InlineData("17850", "17850")]
    [InlineData("17850.5", "17850.5")]
    [InlineData("A17850.0", "A17850.0")]
    [InlineData(".0", ".0")]
    [InlineData("17850.", "17850.")]
    [InlineData("jo@example.0", "jo@example.0")]
    public void Only_a_whole_number_written_with_a_decimal_point_loses_its_zeros(string written, string stored)
    {
        ImportValueParser.WholeNumberPart(written).ToString().Should().Be(stored);
    }

    [Fact]
    public void Rejected_lines_are_summed_per_reason_with_their_value_and_another_currency_is_never_summed()
    {
        const string File = """
            customer_id,date,amount,currency
            a,2024-01-01,10,USD
            ,2024-01-02,3,USD
            ,2024-01-03,4.50,USD
            b,2030-01-01,7,USD
            c,2024-01-04,99,EUR
            d,2024-01-05,abc,USD
            """;

        var (rows, summary) = ImportFiles.Read(File, ImportFiles.Options("USD"));

        rows.Should().ContainSingle();
        summary.LinesUsed.Should().Be(1);
        summary.LinesRejected.Should().Be(5);
        summary.RejectedByReason.Should().BeEquivalentTo(new[]
        {
            new RejectedLines(RejectionReason.NoCustomer, 2, 7.50m),
            new RejectedLines(RejectionReason.FutureDate, 1, 7m),
            new RejectedLines(RejectionReason.OtherCurrency, 1, null),
            new RejectedLines(RejectionReason.UnreadableAmount, 1, 0m),
        });
        summary.RejectedByReason[0].Reason.Should().Be(RejectionReason.NoCustomer, "the reason with most lines comes first");
    }
}
