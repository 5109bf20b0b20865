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

/// <summary>A CSV file in a fresh temporary folder, deleted with the folder.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("cltv-tests-").FullName;

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
