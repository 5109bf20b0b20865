namespace CltvDashboard.Cli.Tests;

public class InputErrorTests
{
    [Fact]
    public void Unusable_rows_are_skipped_and_reported_with_line_and_column()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("mixed.csv", """
            customer_id,date,amount
            a,2024-01-01,10
            a,2024-13-01,10
            b,2024-01-03,ten
            ,2024-01-04,5
            a,2024-02-01,12
            b,2024-02-01,7
            """);

        var run = CliRun.Of("fit", "-i", file, "--model", "gammagamma", "-q");

        run.Error.Should().Contain("skipped 3 of 6 rows")
            .And.Contain("line 3, column 'date': '2024-13-01' is not a date")
            .And.Contain("line 4, column 'amount': 'ten' is not an amount")
            .And.Contain("line 5, column 'customer_id': the customer identifier is empty");
    }

    [Fact]
    public void File_without_a_usable_row_fails_with_one_clear_message()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("bad.csv", "customer_id,date,amount\na,yesterday,10\nb,today,3\n");

        var run = CliRun.Of("fit", "-i", file);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("None of the 2 rows could be used").And.Contain("line 2, column 'date'");
        run.Output.Should().BeEmpty();
    }

    [Fact]
    public void Missing_column_names_the_columns_found_and_the_option_to_use()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("orders.csv", "email,created_at,total\na@x.com,2024-01-01,10\n");

        var run = CliRun.Of("fit", "-i", file, "--customer-column", "customer_id");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("'customer_id' is not in the file").And.Contain("'email', 'created_at', 'total'").And.Contain("--customer-column");
    }

    [Fact]
    public void Columns_of_an_unknown_layout_ask_for_the_column_options()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("orders.csv", "who,when,how_much\na,2024-01-01,10\n");

        var run = CliRun.Of("fit", "-i", file);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("'who', 'when', 'how_much'").And.Contain("--customer-column");
    }

    [Fact]
    public void A_store_export_is_read_by_its_layout_without_naming_columns()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("orders.csv", "email,created_at,total\na@x.com,2024-01-01,10\na@x.com,2024-02-01,20\nb@x.com,2024-01-15,5\n");
        var output = folder.Combine("p.csv");

        var run = CliRun.Of("predict", "-i", file, "-o", output, "-q");

        run.ExitCode.Should().Be(0, run.Error);
        File.ReadAllLines(output).Should().HaveCount(3);
    }

    [Fact]
    public void Columns_can_be_named_and_extra_columns_are_ignored()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("orders.csv", "order,email,created_at,total\n1,a@x.com,2024-01-01,10\n2,a@x.com,2024-02-01,20\n3,b@x.com,2024-01-15,5\n");
        var output = folder.Combine("p.csv");

        var run = CliRun.Of("predict", "-i", file, "--customer-column", "email", "--date-column", "created_at", "--amount-column", "total", "-o", output, "-q");

        run.Error.Should().NotContain("skipped");
        File.ReadAllLines(output).Should().HaveCount(3);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var run = CliRun.Of("fit", "-i", "/no/such/file.csv");

        run.ExitCode.Should().BeOneOf(1, 2);
        run.Error.Should().Contain("/no/such/file.csv");
    }

    [Fact]
    public void Empty_file_asks_for_a_header()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("empty.csv", string.Empty);

        var run = CliRun.Of("fit", "-i", file);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("empty");
    }

    [Fact]
    public void Binary_file_is_rejected_without_a_crash()
    {
        using var folder = new TemporaryFolder();
        var file = folder.Combine("image.csv");
        File.WriteAllBytes(file, [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7919 % 251))]);

        var run = CliRun.Of("fit", "-i", file);

        run.ExitCode.Should().Be(2);
        run.Error.Should().StartWith("cltv").And.NotContain("Unhandled exception");
    }

    [Fact]
    public void Calibration_end_after_the_observation_end_is_rejected()
    {
        var run = CliRun.Of("fit", "-i", CliRun.Sample, "--calibration-end", "1998-09-30", "--observation-end", "1998-06-30");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("after the observation end");
    }
}
