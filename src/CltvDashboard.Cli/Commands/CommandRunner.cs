using CltvDashboard.Cli.Input;
using CltvDashboard.Domain.Clv;

namespace CltvDashboard.Cli.Commands;

/// <summary>Process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Usage = 1;
    public const int BadInput = 2;
    public const int ModelFailed = 3;
}

/// <summary>Turns the errors a user can cause into one readable line and an exit code instead of a stack trace.</summary>
internal static class CommandRunner
{
    public static int Run(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (InputException e)
        {
            error.WriteLine($"cltv: error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (ModelFitException e)
        {
            error.WriteLine($"cltv: error: {e.Message}");
            return ExitCodes.ModelFailed;
        }
        catch (IOException e)
        {
            error.WriteLine($"cltv: error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine($"cltv: error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
