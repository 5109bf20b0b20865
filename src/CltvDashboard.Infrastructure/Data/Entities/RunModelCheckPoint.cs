using CltvDashboard.Domain.Validation;

namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>
/// One point of a run's check of the chosen model on its holdout: a period of the calibration-vs-holdout tracking
/// curve, or a calibration-frequency bucket of the holdout's conditional expectations.
/// </summary>
public class RunModelCheckPoint
{
    /// <summary>The run.</summary>
    public long CalculationRunId { get; set; }

    /// <summary>Which check the point belongs to.</summary>
    public ModelCheckKind Kind { get; set; }

    /// <summary>
    /// The point's place in its check: the period number from 0 (tracking), or the calibration frequency x of the
    /// bucket, the last bucket holding every x at or above it (frequency).
    /// </summary>
    public int Position { get; set; }

    /// <summary>Tracking: the last day the period covers. Frequency: null.</summary>
    public DateOnly? PeriodEnd { get; set; }

    /// <summary>Tracking: whether the period lies after the calibration end. Frequency: always true.</summary>
    public bool InHoldout { get; set; }

    /// <summary>Tracking: customers acquired up to the period's end. Frequency: customers in the bucket.</summary>
    public int Customers { get; set; }

    /// <summary>Tracking: repeat purchases made in the period. Frequency: mean holdout purchases per customer of the bucket.</summary>
    public double Actual { get; set; }

    /// <summary>Tracking: repeat purchases the model expected in the period. Frequency: mean the model predicted.</summary>
    public double Predicted { get; set; }

    /// <summary>Tracking: repeat purchases from the start up to the period's end. Frequency: null.</summary>
    public double? CumulativeActual { get; set; }

    /// <summary>Tracking: the model's expected repeat purchases from the start up to the period's end. Frequency: null.</summary>
    public double? CumulativePredicted { get; set; }
}
