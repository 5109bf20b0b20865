using CltvDashboard.Cli;

using var output = Console.OpenStandardOutput();
return new CltvCommandLine(output, Console.Error).Invoke(args);
