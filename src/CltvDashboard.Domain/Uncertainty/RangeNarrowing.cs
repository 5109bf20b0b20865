using System.Globalization;

namespace CltvDashboard.Domain.Uncertainty;

/// <summary>How much more data would narrow a total's 80 % range to a relative width, for the data-quality warning.</summary>
/// <param name="Target">The relative half-width asked for: 0.1 for ± 10 %.</param>
/// <param name="Current">The 80 % range's relative half-width now.</param>
/// <param name="Reachable">
/// Whether more data can reach the target at all: the purchase process's own spread does not shrink with more history
/// (the same customers will buy as randomly), so a target below it is out of reach.
/// </param>
/// <param name="MoreRepeatCustomers">Repeat customers to add to those the models learn from; 0 when the range is narrow enough, null when unreachable.</param>
/// <param name="MoreMonths">Months of data at the current pace of new repeat customers that add as many; null when unreachable or there is no pace to go by.</param>
public sealed record NarrowingAdvice(double Target, double Current, bool Reachable, int? MoreRepeatCustomers, int? MoreMonths)
{
    /// <summary>The advice in one sentence for people; null when the range is already as narrow as asked.</summary>
    /// <param name="figure">What the range is of, e.g. "expected purchases".</param>
    public string? Sentence(string figure)
    {
        if (Current <= Target)
        {
            return null;
        }

        var now = string.Create(CultureInfo.InvariantCulture, $"The 80 % range of total {figure} is ± {100 * Current:F0} %");
        if (!Reachable)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{now}; most of that is how randomly the customers will buy, which more history does not narrow, so it will not reach ± {100 * Target:F0} %.");
        }

        var months = MoreMonths is { } m ? string.Create(CultureInfo.InvariantCulture, $", about {m:N0} more months of data at the current pace") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{now}; about {MoreRepeatCustomers:N0} more repeat customers{months} would narrow it to ± {100 * Target:F0} %.");
    }
}

/// <summary>
/// How many more repeat customers or months of data would narrow a total's 80 % range to a stated relative width. The
/// parameters' share of the spread shrinks as 1/√n with n the repeat customers the models learn from (their Fisher
/// information grows in proportion to n); the purchase process's share stays.
/// </summary>
public static class RangeNarrowing
{
    // The standard normal's 90 % point: an 80 % range's half-width is this many standard deviations.
    private const double Z80 = 1.2815515655446004;

    /// <summary>The advice for a total's purchases.</summary>
    /// <param name="total">The total's ranges, with the parameters' and the process's spread.</param>
    /// <param name="target">The relative half-width asked for, in (0, 1): 0.1 for ± 10 %.</param>
    /// <param name="repeatCustomers">Repeat customers the models learned from; 1 or more.</param>
    /// <param name="repeatCustomersPerMonth">New repeat customers a month at the current pace; 0 when unknown.</param>
    /// <exception cref="ArgumentOutOfRangeException">The target or a count is out of range.</exception>
    public static NarrowingAdvice Advise(TotalRanges total, double target, int repeatCustomers, double repeatCustomersPerMonth)
    {
        ArgumentNullException.ThrowIfNull(total);
        if (!(target > 0 && target < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "The relative half-width asked for must be above 0 and below 1 (0.1 for ± 10 %).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(repeatCustomers, 1);
        if (!(repeatCustomersPerMonth >= 0) || !double.IsFinite(repeatCustomersPerMonth))
        {
            throw new ArgumentOutOfRangeException(nameof(repeatCustomersPerMonth), repeatCustomersPerMonth, "The pace of new repeat customers must be finite and 0 or more.");
        }

        var current = total.Purchases.RelativeHalfWidth80;
        var mean = Math.Abs(total.Purchases.MostLikely);
        if (current <= target)
        {
            return new NarrowingAdvice(target, current, true, 0, 0);
        }

        // Room left for the parameters once the process has its share: (target·mean/z)² − σ²_process.
        var room = Math.Pow(target * mean / Z80, 2) - Math.Pow(total.PurchasesProcessSpread, 2);
        var parameterVariance = Math.Pow(total.PurchasesParameterSpread, 2);
        if (!(room > 0))
        {
            return new NarrowingAdvice(target, current, false, null, null);
        }

        var needed = Math.Ceiling(parameterVariance * repeatCustomers / room);
        var more = (int)Math.Min(Math.Max(needed - repeatCustomers, 0), int.MaxValue);
        int? months = repeatCustomersPerMonth > 0 ? (int)Math.Min(Math.Ceiling(more / repeatCustomersPerMonth), int.MaxValue) : null;
        return new NarrowingAdvice(target, current, true, more, months);
    }
}
