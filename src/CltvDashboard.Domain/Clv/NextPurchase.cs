using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv;

/// <summary>
/// The expected next purchase: the time after the history by which the model gives an even chance of at least one
/// purchase, the t that solves P(X(T, T + t] = 0 | x, t_x, T) = ½. A customer the model thinks more likely gone than
/// not, or likely to go before buying again, never reaches that chance and has no expected next purchase.
/// </summary>
public static class NextPurchase
{
    /// <summary>The chance of buying again that dates the expected next purchase.</summary>
    public const double EvenChance = 0.5;

    // The bisection stops when the bracket is this small relative to the time: far below a day for any history.
    private const double RelativeTolerance = 1e-10;

    private const int MaximumSteps = 200;

    /// <summary>
    /// The t &gt; 0, in the model's time unit, where <see cref="IPurchaseCountModel.ProbabilityOfPurchase"/>(customer, t) = ½.
    /// </summary>
    /// <param name="model">A fitted purchase-count model.</param>
    /// <param name="customer">The customer's x, t_x and T, in the model's time unit.</param>
    /// <returns>The time to an even chance; null when the chance of buying again never reaches ½.</returns>
    public static double? TimeToEvenChance(IPurchaseCountModel model, PurchaseHistory customer)
    {
        ArgumentNullException.ThrowIfNull(model);
        return TimeToEvenChance(model, customer.Frequency, customer.T, model.ProbabilityAlive(customer));
    }

    /// <summary>
    /// <see cref="TimeToEvenChance(IPurchaseCountModel, PurchaseHistory)"/> for a customer whose P(alive) is already
    /// known: the chance of buying again is P(alive) × the chance if alive, so it reaches ½ only when P(alive) &gt; ½, at
    /// the t where the chance if alive reaches ½ / P(alive).
    /// </summary>
    /// <param name="model">A fitted purchase-count model.</param>
    /// <param name="frequency">x: repeat purchases in the calibration period.</param>
    /// <param name="age">T: time from the first purchase to the calibration end, in the model's time unit.</param>
    /// <param name="probabilityAlive">The customer's P(alive | x, t_x, T).</param>
    /// <returns>The time to an even chance; null when the chance of buying again never reaches ½.</returns>
    public static double? TimeToEvenChance(IPurchaseCountModel model, int frequency, double age, double probabilityAlive)
    {
        ArgumentNullException.ThrowIfNull(model);
        return probabilityAlive > EvenChance ? model.TimeToChanceIfAlive(frequency, age, EvenChance / probabilityAlive) : null;
    }

    /// <summary>
    /// The expected next purchase as a day: the first whole day after <paramref name="historyEnd"/> by whose end the
    /// chance of buying again has reached ½, i.e. the end plus the time to an even chance rounded up to whole days.
    /// </summary>
    /// <param name="historyEnd">The last day of the history the model judged (the calibration or observation end).</param>
    /// <param name="timeToEvenChance">
    /// The time to an even chance in <paramref name="unit"/>s, as <see cref="TimeToEvenChance(IPurchaseCountModel, PurchaseHistory)"/>
    /// gives it; null or +∞ when the chance is never reached.
    /// </param>
    /// <param name="unit">The model's time unit.</param>
    /// <returns>The day; null when the chance is never reached or only after the calendar's last day.</returns>
    public static DateOnly? DateOfEvenChance(DateOnly historyEnd, double? timeToEvenChance, TimeUnit unit)
    {
        if (timeToEvenChance is not { } time || !(time >= 0))
        {
            return null;
        }

        var days = Math.Ceiling(unit.ToDays(time));
        return days <= DateOnly.MaxValue.DayNumber - historyEnd.DayNumber ? historyEnd.AddDays((int)days) : null;
    }

    /// <summary>
    /// The t &gt; 0 where an increasing function of time with f(0) = 0 reaches <paramref name="target"/>: the bracket is
    /// doubled until it holds the crossing, then halved; null when <paramref name="limit"/>, the function's value as
    /// t → ∞, does not exceed the target.
    /// </summary>
    internal static double? SolveIncreasing(Func<double, double> function, double target, double limit)
    {
        if (!(limit > target))
        {
            return null;
        }

        if (target <= 0)
        {
            return 0;
        }

        var low = 0.0;
        var high = 1.0;
        while (function(high) < target)
        {
            low = high;
            high *= 2;
            if (double.IsInfinity(high))
            {
                return null;
            }
        }

        for (var step = 0; step < MaximumSteps && high - low > RelativeTolerance * high; step++)
        {
            var middle = 0.5 * (low + high);
            if (function(middle) < target)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return 0.5 * (low + high);
    }
}
