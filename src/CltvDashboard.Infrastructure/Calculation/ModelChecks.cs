using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Validation;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>
/// The chosen calibration fit's holdout checks as rows to store: the tracking curve per period (a week for day and
/// week units, the model's month for month units) and the conditional expectations by calibration frequency.
/// </summary>
internal static class ModelChecks
{
    /// <summary>Calibration frequencies 0 to this minus one have a bucket of their own; the last bucket takes the rest.</summary>
    public const int FrequencyBuckets = 8;

    private const int DaysPerWeek = 7;

    public static List<RunModelCheckPoint> Compute(IPurchaseCountModel model, TransactionSummary calibration, HoldoutReport report)
    {
        var points = Tracking(model, calibration);
        points.AddRange(Frequency(calibration.Customers, report));
        return points;
    }

    private static List<RunModelCheckPoint> Tracking(IPurchaseCountModel model, TransactionSummary calibration)
    {
        var curve = TrackingCurve.Compute(model, calibration);
        // The curve has one point per model unit; daily points are too fine to read, so day units are shown by week.
        var every = calibration.TimeUnit == TimeUnit.Day ? DaysPerWeek : 1;
        var acquisitions = calibration.Customers.Select(c => c.FirstPurchase.DayNumber).Order().ToArray();
        var rows = new List<RunModelCheckPoint>();
        double previousActual = 0, previousPredicted = 0;
        for (var i = 0; i < curve.Count; i++)
        {
            if ((i + 1) % every != 0 && i != curve.Count - 1)
            {
                continue;
            }

            var point = curve[i];
            var acquired = UpperBound(acquisitions, point.Day.DayNumber);
            rows.Add(new RunModelCheckPoint
            {
                Kind = ModelCheckKind.Tracking,
                Position = rows.Count,
                PeriodEnd = point.Day,
                InHoldout = point.InHoldout,
                Customers = acquired,
                Actual = point.CumulativeActual - previousActual,
                Predicted = point.CumulativePredicted - previousPredicted,
                CumulativeActual = point.CumulativeActual,
                CumulativePredicted = point.CumulativePredicted,
            });
            previousActual = point.CumulativeActual;
            previousPredicted = point.CumulativePredicted;
        }

        return rows;
    }

    private static IEnumerable<RunModelCheckPoint> Frequency(IReadOnlyList<CustomerSummary> customers, HoldoutReport report)
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

            yield return new RunModelCheckPoint
            {
                Kind = ModelCheckKind.Frequency,
                Position = bucket,
                InHoldout = true,
                Customers = count[bucket],
                Actual = actual[bucket] / count[bucket],
                Predicted = predicted[bucket] / count[bucket],
            };
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
