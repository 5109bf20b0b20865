namespace CltvDashboard.Cli.Input;

/// <summary>Thrown when a transaction file or the options naming it cannot be used at all; the message says what and where.</summary>
internal sealed class InputException(string message) : Exception(message);
