using CltvDashboard.Cli.Input;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Import;

namespace CltvDashboard.Cli.Commands;

/// <summary>Process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Usage = 1;
    public const int BadInput = 2;
    public const int ModelFailed = 3;
    public const int StoreFull = 4;
}

/// <summary>Turns the errors a user can cause into one readable line and an exit code instead of a stack trace.</summary>
internal static class CommandRunner
{
    public static int Run(TextWriter error, Func<int> action) =>
        RunAsync(error, () => Task.FromResult(action())).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (ExitCodeFor(e) is { } exitCode)
        {
            error.WriteLine($"cltv: error: {e.Message}");
            return exitCode;
        }
    }

    // Only errors the user can act on become a message; anything else is a defect and keeps its stack trace.
    private static int? ExitCodeFor(Exception e) => e switch
    {
        ModelFitException => ExitCodes.ModelFailed,
        StoreFullException => ExitCodes.StoreFull,
        ImportFileException or InputException or RecalculationException or IOException or UnauthorizedAccessException => ExitCodes.BadInput,
        _ => null,
    };
}
