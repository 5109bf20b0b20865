using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace CltvDashboard.Benchmarks;

/// <summary>
/// One process, one warm-up and five measured operations per benchmark, each operation run once.
/// </summary>
/// <remarks>
/// Every benchmark here is a macro operation of 0.1 s to a few seconds over a million customers. The default
/// throughput strategy would spend minutes on pilot and overhead stages that only matter for nanosecond code;
/// the monitoring strategy times single invocations, which is also how the command line runs them. The warm-up
/// lets tiered compilation reach optimised code before measuring, and five iterations give a mean with a usable
/// error bar while the whole set stays within a few minutes on two cores (most of it spent simulating the data).
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class MacroJobAttribute : JobConfigBaseAttribute
{
    public MacroJobAttribute()
        : base(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithId("Macro"))
    {
    }
}
