using BenchmarkDotNet.Running;
using CltvDashboard.Benchmarks.Generation;

if (args.Length > 0 && args[0] == "generate")
{
    return GenerateCommand.Run(args[1..], Console.Out, Console.Error);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
