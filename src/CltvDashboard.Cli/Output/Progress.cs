using System.Diagnostics;

namespace CltvDashboard.Cli.Output;

/// <summary>Progress lines on standard error, so that standard output carries nothing but the result.</summary>
internal sealed class Progress(TextWriter error, bool quiet)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Report(string message)
    {
        if (!quiet)
        {
            error.WriteLine($"cltv [{_clock.Elapsed.TotalSeconds,6:F2}s] {message} ws={Environment.WorkingSet >> 20} heap={GC.GetTotalMemory(false) >> 20}");
        }
    }

    public void Warn(string message) => error.WriteLine($"cltv: warning: {message}");
}
