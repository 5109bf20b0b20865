using System.Text;
using CltvDashboard.TestSupport;

namespace CltvDashboard.Cli.Tests;

/// <summary>Runs <c>cltv</c> in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static string Sample => TestDataFiles.CdnowSample;

    public static CliRun Of(params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var exitCode = new CltvCommandLine(output, error).Invoke(args);
        return new CliRun(exitCode, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }
}
