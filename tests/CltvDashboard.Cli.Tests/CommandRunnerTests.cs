using CltvDashboard.Cli.Commands;
using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Cli.Tests;

public class CommandRunnerTests
{
    [Fact]
    public void A_store_whose_disk_is_full_is_one_line_and_its_own_exit_code_not_a_stack_trace()
    {
        using var error = new StringWriter();

        var exitCode = CommandRunner.Run(error, () => throw new StoreFullException(new IOException("No space left on device")));

        exitCode.Should().Be(4);
        error.ToString().Should().StartWith("cltv: error: The import stopped because the disk holding the database is full")
            .And.NotContain(" at ");
    }
}
