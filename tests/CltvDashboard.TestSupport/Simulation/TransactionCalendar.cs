using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// Places simulated times on the calendar: time 0 (the start of acquisition) is <see cref="Start"/>, and one unit
/// of the processes' time lasts one <see cref="TimeUnit"/>. Timestamps have minute resolution, so a customer
/// can buy several times on one day, as in real logs.
/// </summary>
/// <param name="Start">The calendar instant of the start of acquisition, in the business's local time.</param>
/// <param name="TimeUnit">The time unit of the processes' parameters and of the observation window.</param>
public sealed record TransactionCalendar(DateTime Start, TimeUnit TimeUnit)
{
    /// <summary>The instant <paramref name="time"/> units after <see cref="Start"/>, truncated to the minute.</summary>
    /// <param name="time">Time since the start of acquisition, in <see cref="TimeUnit"/>s; 0 or more.</param>
    public DateTime ToTimestamp(double time)
    {
        ParameterChecks.RequireNonNegative(time, nameof(time));
        return TimestampAt(time);
    }

    /// <summary>
    /// The calendar periods that summarise the simulated log as the window defines it: each period ends on the
    /// calendar day containing its last instant. With whole-day lengths (weeks, days) the summary's day-level
    /// (x, t_x, T) differ from the simulated continuous ones only by the rounding of purchase times to days.
    /// </summary>
    public SummaryPeriod SummaryPeriodFor(ObservationWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        window.Validate();
        return new SummaryPeriod(LastDayBefore(window.CalibrationEnd), LastDayBefore(window.ObservationEnd), TimeUnit);
    }

    internal double MinutesPerUnit => TimeUnit.DaysPer() * 24 * 60;

    // Flooring keeps each customer's rows in time order and every row before the end of the window.
    internal DateTime TimestampAt(double time)
    {
        var minutes = (long)Math.Floor(time * MinutesPerUnit);
        return new DateTime(Start.Ticks + (minutes * TimeSpan.TicksPerMinute), Start.Kind);
    }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> when the window would run past the end of the calendar.</summary>
    internal void RequireRoomFor(ObservationWindow window)
    {
        var ticks = window.ObservationEnd * MinutesPerUnit * TimeSpan.TicksPerMinute;
        if (ticks > DateTime.MaxValue.Ticks - Start.Ticks)
        {
            throw new ArgumentOutOfRangeException(
                nameof(window), window.ObservationEnd, "The observation window runs past the last representable date.");
        }
    }

    private DateOnly LastDayBefore(double time)
    {
        var end = Start.Ticks + (long)Math.Ceiling(time * MinutesPerUnit * TimeSpan.TicksPerMinute);
        return DateOnly.FromDateTime(new DateTime(end - 1));
    }
}
