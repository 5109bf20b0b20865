using CltvDashboard.Domain.Validation;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>The holdout checks a run stores; computed by <see cref="ModelCheckPoints"/>.</summary>
internal static class ModelChecks
{
    /// <summary>Calibration frequencies 0 to this minus one have a bucket of their own; the last bucket takes the rest.</summary>
    public const int FrequencyBuckets = ModelCheckPoints.FrequencyBuckets;
}
