namespace CltvDashboard.Domain.Clv.ParetoNbd;

/// <summary>Settings for <see cref="ParetoNbdFitter.Fit"/>.</summary>
public sealed record ParetoNbdFitOptions
{
    /// <summary>
    /// Where the optimiser starts, in the time unit of the histories; null (the default) to start from values derived
    /// from the data (r = s = 1, α from the mean purchase rate, β from the mean customer age).
    /// </summary>
    public ParetoNbdParameters? InitialGuess { get; init; }
}
