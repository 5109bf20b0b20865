using System.Globalization;
using System.Text.Json;

namespace CltvDashboard.Cli.Tests;

public class ImportCommandTests
{
    private static string Master => Path.Combine(AppContext.BaseDirectory, "TestData", "cdnow", "cdnow_master.csv");

    private static string Shopify => Path.Combine(AppContext.BaseDirectory, "TestData", "import", "shopify_orders.csv");

    [Fact]
    public void Import_of_the_cdnow_master_file_reports_rows_customers_and_revenue()
    {
        using var folder = new TemporaryFolder();
        var database = folder.Combine("store.db");

        var run = CliRun.Of("import", "-i", Master, "--database", database, "--currency", "USD", "--json", "-q");

        run.ExitCode.Should().Be(0, run.Error);
        var result = Parse(run);
        result.GetProperty("rowsRead").GetInt64().Should().Be(69_659);
        result.GetProperty("customers").GetInt64().Should().Be(23_570);
        result.GetProperty("transactionsImported").GetInt64().Should().Be(69_659);
        result.GetProperty("rowsRejected").GetInt64().Should().Be(0);
        result.GetProperty("netRevenue").GetDecimal().Should().Be(SumOfAmounts(Master));
        result.GetProperty("errors").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void Import_of_a_line_item_export_counts_lines_apart_from_orders_with_the_rejected_lines_by_reason()
    {
        using var folder = new TemporaryFolder();
        var retail = CltvDashboard.TestSupport.OnlineRetailExportGenerator.Generate(customers: 200, seed: 2);
        var file = folder.Combine("online_retail.csv");
        File.WriteAllText(file, retail.Text);
        var rejected = folder.Combine("rejected.csv");

        var run = CliRun.Of(
            "import", "-i", file, "-d", folder.Combine("store.db"), "--currency", "GBP", "--date-order", "MonthFirst", "--rejected-out", rejected, "--json", "-q");

        run.ExitCode.Should().Be(0, run.Error);
        var result = Parse(run);
        result.GetProperty("linesRead").GetInt64().Should().Be(retail.Lines);
        result.GetProperty("linesUsed").GetInt64().Should().Be(retail.Lines - retail.LinesWithoutCustomer);
        result.GetProperty("linesRejected").GetInt64().Should().Be(retail.LinesWithoutCustomer);
        result.GetProperty("rowsRejected").GetInt64().Should().Be(retail.InvoicesWithoutCustomer);
        var reason = result.GetProperty("rejectedByReason").EnumerateArray().Should().ContainSingle().Subject;
        reason.GetProperty("reason").GetString().Should().Be("no customer identifier");
        reason.GetProperty("lines").GetInt64().Should().Be(retail.LinesWithoutCustomer);
        reason.GetProperty("value").GetDecimal().Should().Be(retail.ValueWithoutCustomer);
        result.GetProperty("customers").GetInt64().Should().Be(retail.Customers);
        result.GetProperty("refunds").GetDecimal().Should().BePositive();
        result.GetProperty("firstDay").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}$");
        File.ReadLines(rejected).Count().Should().Be(retail.LinesWithoutCustomer + 1, "every rejected line under one header line");
    }

    [Fact]
    public void Importing_the_same_file_again_adds_nothing()
    {
        using var folder = new TemporaryFolder();
        var database = folder.Combine("store.db");

        CliRun.Of("import", "-i", CliRun.Sample, "-d", database, "--currency", "USD", "-q").ExitCode.Should().Be(0);
        var again = Parse(CliRun.Of("import", "-i", CliRun.Sample, "-d", database, "--currency", "USD", "-q"));

        again.GetProperty("transactionsImported").GetInt64().Should().Be(0);
        again.GetProperty("customers").GetInt64().Should().Be(0);
        again.GetProperty("netRevenue").GetDecimal().Should().Be(0);
        again.GetProperty("duplicatesSkipped").GetInt64().Should().Be(6_919);
    }

    [Fact]
    public void Shopify_export_imports_its_orders_customers_and_net_revenue()
    {
        using var folder = new TemporaryFolder();

        var run = CliRun.Of("import", "-i", Shopify, "-d", folder.Combine("store.db"), "--json", "-q");

        run.ExitCode.Should().Be(0, run.Error);
        var result = Parse(run);
        result.GetProperty("layout").GetString().Should().Be("Shopify");
        result.GetProperty("currency").GetString().Should().Be("EUR");
        result.GetProperty("orders").GetInt64().Should().Be(4);
        result.GetProperty("customers").GetInt64().Should().Be(3);
        result.GetProperty("netRevenue").GetDecimal().Should().Be(105m + 60m - 20m + 50m - 50m + 1200m);
    }

    [Fact]
    public void Unusable_file_fails_with_one_message_and_changes_nothing()
    {
        using var folder = new TemporaryFolder();
        var database = folder.Combine("store.db");
        CliRun.Of("import", "-i", CliRun.Sample, "-d", database, "--currency", "USD", "-q").ExitCode.Should().Be(0);
        var garbage = folder.Combine("garbage.csv");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7919 % 251))]);

        var run = CliRun.Of("import", "-i", garbage, "-d", database, "--currency", "USD", "-q");
        var again = Parse(CliRun.Of("import", "-i", CliRun.Sample, "-d", database, "--currency", "USD", "-q"));

        run.ExitCode.Should().Be(2);
        run.Error.Should().StartWith("cltv: error:").And.NotContain("Unhandled");
        again.GetProperty("duplicatesSkipped").GetInt64().Should().Be(6_919, "the failed import left the stored rows as they were");
    }

    [Fact]
    public void Rejected_rows_are_listed_with_line_and_column()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("mixed.csv", "customer_id,date,amount\na,2024-01-01,10\nb,2024-01-02,ten\n,2024-01-03,5\n");

        var result = Parse(CliRun.Of("import", "-i", file, "-d", folder.Combine("store.db"), "--currency", "USD", "-q"));

        result.GetProperty("rowsRejected").GetInt64().Should().Be(2);
        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        errors.Select(e => e.GetProperty("line").GetInt64()).Should().Equal(3, 4);
        errors[0].GetProperty("column").GetString().Should().Be("amount");
    }

    [Fact]
    public void File_without_a_currency_asks_for_one()
    {
        using var folder = new TemporaryFolder();

        var run = CliRun.Of("import", "-i", CliRun.Sample, "-d", folder.Combine("store.db"), "-q");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("pass --currency");
    }

    [Fact]
    public void Rejected_rows_are_written_to_the_file_asked_for_with_their_reason()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("mixed.csv", "customer_id,date,amount\na,2024-01-01,10\nb,2024-01-02,ten\n,2024-01-03,5\nc,2024-01-04,-3\n");
        var rejected = folder.Combine("rejected.csv");

        var run = CliRun.Of("import", "-i", file, "-d", folder.Combine("store.db"), "--currency", "USD", "--rejected-out", rejected, "-q");

        Parse(run).GetProperty("rowsRejected").GetInt64().Should().Be(2);
        File.ReadAllLines(rejected).Should().Equal(
            "line,column,reason,customer_id,date,amount",
            "3,amount,\"'ten' is not an amount (expected e.g. 12.50, 1,234.50, €12,50 or (5.00))\",b,2024-01-02,ten",
            "4,customer_id,the customer identifier is empty; the row cannot be attributed,,2024-01-03,5");
    }

    [Fact]
    public void Partial_column_mapping_is_a_usage_error()
    {
        var run = CliRun.Of("import", "-i", CliRun.Sample, "--customer-column", "email");

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("--date-column");
    }

    private static JsonElement Parse(CliRun run)
    {
        run.ExitCode.Should().Be(0, run.Error);
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    private static decimal SumOfAmounts(string path) =>
        File.ReadLines(path).Skip(1).Sum(line => decimal.Parse(line.Split(',')[3], CultureInfo.InvariantCulture));
}
