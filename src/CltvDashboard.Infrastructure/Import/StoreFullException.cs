using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// An import stopped because the disk holding the database is full; nothing of the file was stored.
/// <see cref="Exception.Message"/> is the sentence to show, with the database's own words; the provider's error is the inner exception.
/// </summary>
public sealed class StoreFullException : Exception
{
    /// <summary>Creates the exception from the provider's error.</summary>
    /// <param name="innerException">The error that said the disk is full.</param>
    public StoreFullException(Exception innerException)
        : base(Describe(innerException), innerException)
    {
    }

    public StoreFullException()
        : base(Describe(null))
    {
    }

    public StoreFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private static string Describe(Exception? error) =>
        "The import stopped because the disk holding the database is full; nothing of this file was stored. "
        + "Free some space on it and import the file again."
        + (error is null ? "" : $" (The database said: {StoreFailures.DatabaseMessage(error).TrimEnd('.')}.)");
}
