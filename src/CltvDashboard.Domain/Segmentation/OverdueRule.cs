namespace CltvDashboard.Domain.Segmentation;

/// <summary>
/// When a customer is overdue: a regular customer (at least <see cref="RegularFromRepeatPurchases"/> repeat purchases,
/// so that the model has seen a rhythm to judge them by) whose expected next purchase day has passed before today.
/// A one-time buyer whose expected day has passed is not overdue: the model never saw them come back.
/// </summary>
public static class OverdueRule
{
    /// <summary>Repeat purchases (x, the first purchase excluded) from which a customer is a regular.</summary>
    public const int RegularFromRepeatPurchases = 2;

    /// <summary>Whether a customer with this many repeat purchases is a regular.</summary>
    /// <param name="repeatPurchases">x: repeat purchase occasions, the first excluded.</param>
    public static bool IsRegular(int repeatPurchases) => repeatPurchases >= RegularFromRepeatPurchases;

    /// <summary>Days by which a customer's expected next purchase is overdue; null when it is not.</summary>
    /// <param name="repeatPurchases">x: repeat purchase occasions, the first excluded.</param>
    /// <param name="expectedNextPurchase">The day by which the model gave an even chance of the next purchase; null when not expected.</param>
    /// <param name="today">Today in the business's time zone.</param>
    /// <returns>Days from the expected day to today, at least 1; null when not overdue.</returns>
    public static int? DaysOverdue(int repeatPurchases, DateOnly? expectedNextPurchase, DateOnly today) =>
        IsRegular(repeatPurchases) && expectedNextPurchase is { } expected && expected < today
            ? today.DayNumber - expected.DayNumber
            : null;

    /// <summary>
    /// The day on which a run's expected next purchases are judged overdue: today, while the run's data end within the
    /// window of the chance of buying again before it; null when they end earlier (an old export, the demo), where every
    /// regular customer would look overdue only because the data stop.
    /// </summary>
    /// <param name="observationEnd">The run's last day of data; null without one.</param>
    /// <param name="today">Today in the business's time zone.</param>
    /// <param name="purchaseWindowDays">The N days of the run's chance of buying again.</param>
    public static DateOnly? JudgedOn(DateOnly? observationEnd, DateOnly today, int purchaseWindowDays) =>
        observationEnd is { } end && today.DayNumber - end.DayNumber <= purchaseWindowDays ? today : null;
}
