using System.Text.Json;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>One point of a customer's P(alive) curve.</summary>
/// <param name="Day">The day, in the business's time zone.</param>
/// <param name="ProbabilityAlive">P(alive | x, t_x, T) with the history as it stood at the end of that day.</param>
/// <param name="Purchase">The day's net amount when the day is a purchase occasion; null otherwise.</param>
public sealed record AlivePoint(DateOnly Day, double ProbabilityAlive, decimal? Purchase);

/// <summary>
/// How the run's chosen model saw one customer over time: P(alive) on each day from the first purchase to the run's
/// observation end, as if the run had been calculated on that day with the same fitted parameters.
/// </summary>
/// <param name="Model">The purchase-count model (<c>bgnbd</c>, <c>paretonbd</c> or <c>mbgnbd</c>).</param>
/// <param name="Points">The points, oldest first; every purchase occasion is one of them.</param>
public sealed record AliveCurve(string Model, IReadOnlyList<AlivePoint> Points)
{
    /// <summary>About how many evenly spaced days the curve has between purchases (purchase days come on top).</summary>
    public const int GridPoints = 60;

    /// <summary>
    /// The curve of one customer. Purchase occasions are customer-days by the run's rule
    /// (<see cref="PurchaseOccasions"/>); x, t_x and T at each day follow from the occasions up to it.
    /// </summary>
    /// <param name="model">The run's fitted purchase-count model.</param>
    /// <param name="unit">The unit the model was fitted in.</param>
    /// <param name="zone">The business's time zone, which cuts days.</param>
    /// <param name="observationEnd">The run's last day of data.</param>
    /// <param name="transactions">The customer's rows (instant in UTC, amount), any order.</param>
    /// <returns>The curve; null when the customer has no purchase occasion up to the observation end.</returns>
    public static AliveCurve? Compute(
        IPurchaseCountModel model, TimeUnit unit, TimeZoneInfo zone, DateOnly observationEnd, IEnumerable<(DateTime OccurredAtUtc, decimal Amount)> transactions)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(transactions);
        var occasions = PurchaseOccasions.Of(transactions
            .Select(t => (Day: PurchaseDay.Of(new DateTimeOffset(DateTime.SpecifyKind(t.OccurredAtUtc, DateTimeKind.Utc)), zone), t.Amount))
            .Where(t => t.Day <= observationEnd));
        if (occasions.Count == 0)
        {
            return null;
        }

        var first = occasions[0].Day.DayNumber;
        var span = observationEnd.DayNumber - first;
        var step = Math.Max(1, (int)Math.Ceiling((double)span / GridPoints));
        var days = Enumerable.Range(0, (span / step) + 1).Select(i => first + (i * step))
            // The day before each purchase as well, so that the curve climbs at the purchase instead of across the grid step.
            .Concat(occasions.SelectMany(o => new[] { o.Day.DayNumber - 1, o.Day.DayNumber }).Where(d => d >= first))
            .Append(observationEnd.DayNumber)
            .Distinct()
            .Order()
            .ToList();
        var points = new List<AlivePoint>(days.Count);
        var seen = 0;
        foreach (var day in days)
        {
            decimal? purchase = null;
            while (seen < occasions.Count && occasions[seen].Day.DayNumber <= day)
            {
                if (occasions[seen].Day.DayNumber == day)
                {
                    purchase = occasions[seen].Net;
                }

                seen++;
            }

            var last = occasions[seen - 1].Day.DayNumber;
            var history = new PurchaseHistory(seen - 1, unit.FromDays(last - first), unit.FromDays(day - first));
            points.Add(new AlivePoint(DateOnly.FromDayNumber(day), model.ProbabilityAlive(history), purchase));
        }

        return new AliveCurve(model.Name, points);
    }
}
