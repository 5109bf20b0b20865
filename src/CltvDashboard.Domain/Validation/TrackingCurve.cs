using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Validation;

/// <summary>One point of a cumulative tracking chart.</summary>
/// <param name="Day">The last day the point covers (inclusive).</param>
/// <param name="Time">Time since the first customer's acquisition, in the model's unit.</param>
/// <param name="CumulativeActual">Repeat purchase occasions made up to and including <paramref name="Day"/>.</param>
/// <param name="CumulativePredicted">The model's expected repeat purchases up to the same day.</param>
/// <param name="InHoldout">Whether the point lies after the calibration end.</param>
public sealed record TrackingPoint(DateOnly Day, double Time, double CumulativeActual, double CumulativePredicted, bool InHoldout);

/// <summary>
/// Cumulative repeat purchases over calendar time against the model's expectation for the same customers,
/// the chart of FHL 2005 figure 2: the expectation sums E[X(t − acquisition)] over customers, so it uses the
/// calibration fit alone and the holdout part of the curve is a genuine forecast.
/// </summary>
public static class TrackingCurve
{
    /// <summary>Builds the curve for the customers of <paramref name="summary"/>, one point per time unit.</summary>
    /// <param name="model">A model fitted on the summary's calibration histories, in its time unit.</param>
    /// <param name="summary">The transaction summary that gives acquisitions and actual repeat occasions.</param>
    public static IReadOnlyList<TrackingPoint> Compute(IPurchaseCountModel model, TransactionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(summary);
        var customers = summary.Customers;
        if (customers.Count == 0)
        {
            return [];
        }

        var start = customers.Min(c => c.FirstPurchase).DayNumber;
        var end = summary.Period.ObservationEnd.DayNumber;
        var calibrationEnd = summary.Period.CalibrationEnd.DayNumber;
        var days = end - start + 1;
        var daysPerUnit = summary.TimeUnit.DaysPer();

        var acquisitions = new int[days];
        foreach (var customer in customers)
        {
            acquisitions[customer.FirstPurchase.DayNumber - start]++;
        }

        // E[X(lag)] once per lag in days; the expectation at day d is a convolution of acquisitions and lags.
        var expectedByLag = new double[days];
        Parallel.For(0, days, lag => expectedByLag[lag] = model.ExpectedPurchasesNewCustomer(lag / daysPerUnit));

        var step = Math.Max(1, (int)Math.Round(daysPerUnit));
        var points = new List<TrackingPoint>();
        var cumulativeActual = 0.0;
        var nextPoint = start + step - 1;
        for (var day = start; day <= end; day++)
        {
            cumulativeActual += summary.RepeatOccasions.On(DateOnly.FromDayNumber(day));
            if (day != nextPoint && day != end)
            {
                continue;
            }

            var predicted = 0.0;
            for (var acquired = start; acquired <= day; acquired++)
            {
                var count = acquisitions[acquired - start];
                if (count > 0)
                {
                    predicted += count * expectedByLag[day - acquired];
                }
            }

            points.Add(new TrackingPoint(DateOnly.FromDayNumber(day), (day - start + 1) / daysPerUnit, cumulativeActual, predicted, day > calibrationEnd));
            nextPoint += step;
        }

        return points;
    }
}
