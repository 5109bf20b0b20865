namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>A recalculation cannot be done for a reason the user can act on (no data, invalid settings); the message says which.</summary>
public sealed class RecalculationException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public RecalculationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public RecalculationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public RecalculationException()
        : base("The recalculation could not be done.")
    {
    }
}
