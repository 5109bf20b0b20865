using System.CommandLine;
using CltvDashboard.Cli.Commands;

var root = new RootCommand("cltv: customer lifetime value from a transaction log (RFM, BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma).");
root.Subcommands.Add(FitCommand.Create(Console.Out, Console.Error));
root.Subcommands.Add(PredictCommand.Create(Console.Error));
return root.Parse(args).Invoke();
