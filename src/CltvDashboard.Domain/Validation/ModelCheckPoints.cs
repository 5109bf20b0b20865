using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Validation;

/// <summary>The kinds of holdout check on a chosen model.</summary>
public enum ModelCheckKind
{
    /// <summary>Repeat purchases per period over calibration and holdout, actual against expected.</summary>
    Tracking,

    /// <summary>Holdout purchases per customer by calibration frequency, actual against predicted.</summary>
    Frequency,
}

/// <summary>One point of a holdout check.</summary>
/// <param name="Kind">Tracking or frequency.</param>
/// <param name="Position">The point's place: the period's index (tracking) or the calibration frequency bucket (frequency).</param>
/// <param name="PeriodEnd">The last day of the period (tracking); null for frequency points.</param>
/// <param name="InHoldout">Whether the period lies in the holdout (always true for frequency points).</param>
/// <param name="Customers">Customers acquired by the period's end (tracking) or in the bucket (frequency).</param>
/// <param name="Actual">Repeat purchases in the period (tracking) or mean holdout purchases per customer (frequency).</param>
/// <param name="Predicted">The model's expectation of <paramref name="Actual"/>.</param>
/// <param name="CumulativeActual">Repeat purchases up to the period's end (tracking); null for frequency points.</param>
/// <param name="CumulativePredicted">The model's expectation of <paramref name="CumulativeActual"/>.</param>
public sealed record ModelCheckPoint(
    ModelCheckKind Kind,
    int Position,
    DateOnly? PeriodEnd,
    bool InHoldout,
    int Customers,
    double Actual,
    double Predicted,
    double? CumulativeActual,
    double? CumulativePredicted);

/// <summary>
/// The chosen calibration fit's holdout checks: the tracking curve per period (a week for day and week units, the
/// model's month for month units) and the conditional expectations by calibration frequency.
/// </summary>
public static class ModelCheckPoints
{
    /// <summary>Calibration frequencies 0 to this minus one have a bucket of their own; the last bucket takes the rest.</summary>
    public const int FrequencyBuckets = 8;

    private const int DaysPerWeek = 7;

    /// <summary>The tracking points, then the frequency points.</summary>
    /// <param name="model">The model fitted on the calibration period.</param>
    /// <param name="calibration">The calibration summary, with holdout actuals.</param>
    /// <param name="report">The model's holdout report on the same customers, in the same order.</param>
    public static List<ModelCheckPoint> Compute(IPurchaseCountModel model, TransactionSummary calibration, HoldoutReport report)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(report);
        var points = Tracking(model, calibration);
        points.AddRange(Frequency(calibration.Customers, report));
        return points;
    }

    private static List<ModelCheckPoint> Tracking(IPurchaseCountModel model, TransactionSummary calibration)
    {
        var curve = TrackingCurve.Compute(model, calibration);
        // The curve has one point per model unit; daily points are too fine to read, so day units are shown by week.
        var every = calibration.TimeUnit == TimeUnit.Day ? DaysPerWeek : 1;
        var acquisitions = calibration.Customers.Select(c => c.FirstPurchase.DayNumber).Order().ToArray();
        var rows = new List<ModelCheckPoint>();
        double previousActual = 0, previousPredicted = 0;
        for (var i = 0; i < curve.Count; i++)
        {
            if ((i + 1) % every != 0 && i != curve.Count - 1)
            {
                continue;
            }

            var point = curve[i];
            rows.Add(new ModelCheckPoint(
                ModelCheckKind.Tracking,
                rows.Count,
                point.Day,
                point.InHoldout,
                UpperBound(acquisitions, point.Day.DayNumber),
                point.CumulativeActual - previousActual,
                point.CumulativePredicted - previousPredicted,
                point.CumulativeActual,
                point.CumulativePredicted));
            previousActual = point.CumulativeActual;
            previousPredicted = point.CumulativePredicted;
        }

        return rows;
    }

    private static IEnumerable<ModelCheckPoint> Frequency(IReadOnlyList<CustomerSummary> customers, HoldoutReport report)
    {
        var count = new int[FrequencyBuckets];
        var actual = new double[FrequencyBuckets];
        var predicted = new double[FrequencyBuckets];
        for (var i = 0; i < customers.Count; i++)
        {
            var bucket = Math.Min(customers[i].Frequency, FrequencyBuckets - 1);
            count[bucket]++;
            actual[bucket] += report.Actual[i];
            predicted[bucket] += report.Predicted[i];
        }

        for (var bucket = 0; bucket < FrequencyBuckets; bucket++)
        {
            if (count[bucket] == 0)
            {
                continue;
            }

            yield return new ModelCheckPoint(
                ModelCheckKind.Frequency, bucket, null, true, count[bucket], actual[bucket] / count[bucket], predicted[bucket] / count[bucket], null, null);
        }
    }

    // Customers acquired on or before the day: the index of the first acquisition after it.
    private static int UpperBound(int[] sorted, int day)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] <= day)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
