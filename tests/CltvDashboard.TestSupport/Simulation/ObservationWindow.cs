namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// When simulated customers are acquired and observed, in the processes' time unit, measured from the start of
/// acquisition. Acquisition times are uniform on [0, <see cref="AcquisitionLength"/>), so a customer acquired at u
/// has T = <see cref="CalibrationEnd"/> − u; with no acquisition window every customer has T = CalibrationEnd.
/// </summary>
/// <param name="AcquisitionLength">Length of the acquisition window; 0 for a single cohort acquired at time 0; at most the calibration end.</param>
/// <param name="CalibrationEnd">End of the calibration period, from the start of acquisition; positive.</param>
/// <param name="HoldoutLength">Length of the holdout period that follows the calibration end; 0 or more.</param>
public sealed record ObservationWindow(double AcquisitionLength, double CalibrationEnd, double HoldoutLength = 0)
{
    /// <summary>The end of the holdout period (the end of the data), from the start of acquisition.</summary>
    public double ObservationEnd => CalibrationEnd + HoldoutLength;

    /// <summary>A single cohort: every customer acquired at time 0 and observed for <paramref name="t"/>, then for a holdout.</summary>
    /// <param name="t">T: every customer's calibration-period age; positive.</param>
    /// <param name="holdoutLength">Length of the holdout period; 0 or more.</param>
    public static ObservationWindow FixedAge(double t, double holdoutLength = 0) => new(0, t, holdoutLength);

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> when a length is negative or not finite or the acquisition window outlasts the calibration period.</summary>
    public void Validate()
    {
        ParameterChecks.RequireNonNegative(AcquisitionLength, nameof(AcquisitionLength));
        ParameterChecks.RequirePositive(CalibrationEnd, "observation window", nameof(CalibrationEnd));
        ParameterChecks.RequireNonNegative(HoldoutLength, nameof(HoldoutLength));
        if (AcquisitionLength > CalibrationEnd)
        {
            throw new ArgumentOutOfRangeException(
                nameof(AcquisitionLength),
                AcquisitionLength,
                $"The acquisition window ({AcquisitionLength}) cannot outlast the calibration period ({CalibrationEnd}).");
        }
    }
}
