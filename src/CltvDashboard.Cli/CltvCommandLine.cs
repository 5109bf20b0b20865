using System.CommandLine;
using CltvDashboard.Cli.Commands;

namespace CltvDashboard.Cli;

/// <summary>The <c>cltv</c> command tree, writing results to <paramref name="output"/> and everything else to <paramref name="error"/>.</summary>
internal sealed class CltvCommandLine(Stream output, TextWriter error)
{
    public int Invoke(params string[] args)
    {
        var root = new RootCommand("cltv: customer lifetime value from a transaction log (RFM, BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma).");
        root.Subcommands.Add(FitCommand.Create(output, error));
        root.Subcommands.Add(PredictCommand.Create(error));
        root.Subcommands.Add(ImportCommand.Create(output, error));
        root.Subcommands.Add(RecalcCommand.Create(output, error));
        root.Subcommands.Add(WorkerCommand.Create(error));
        root.Subcommands.Add(UsersCommand.Create(output, error));
        root.Subcommands.Add(TokenCommand.Create(output, error));
        using var help = new StreamWriter(output, leaveOpen: true) { AutoFlush = true };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = help, Error = error });
    }
}
