using System.Diagnostics;

namespace CltvDashboard.Cli.Output;

/// <summary>
/// Progress lines on standard error, so that standard output carries nothing but the result. Models are fitted
/// concurrently, so lines are written whole under a lock.
/// </summary>
internal sealed class Progress(TextWriter error, bool quiet)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();

    public void Report(string message)
    {
        if (!quiet)
        {
            Write($"cltv [{_clock.Elapsed.TotalSeconds,6:F2}s] {message}");
        }
    }

    public void Warn(string message) => Write($"cltv: warning: {message}");

    public void Info(string message) => Write($"cltv: {message}");

    private void Write(string line)
    {
        lock (_lock)
        {
            error.WriteLine(line);
        }
    }
}
