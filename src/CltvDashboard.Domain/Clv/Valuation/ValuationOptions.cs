using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv.Valuation;

/// <summary>How far ahead to value customers, how to discount, and what share of revenue is profit.</summary>
/// <param name="Months">H: the horizon in months (of 365.25 / 12 days); 1 or more.</param>
/// <param name="MonthlyDiscountRate">
/// d: the monthly discount rate, 0 ≤ d &lt; 1 (0.01 is 1% a month, about 12.7% a year; see <see cref="MonthlyRateFromAnnual"/>).
/// Month i's purchases are discounted by (1 + d)^i.
/// </param>
/// <param name="Margin">m: the share of revenue kept as profit, 0 &lt; m ≤ 1 (1 values revenue rather than profit).</param>
/// <param name="TimeUnit">The time unit the purchase-count model was fitted in; months are converted to it.</param>
public sealed record ValuationOptions(int Months, double MonthlyDiscountRate, double Margin, TimeUnit TimeUnit)
{
    /// <summary>H: the horizon in months.</summary>
    public int Months { get; } = Months >= 1
        ? Months
        : throw new ArgumentOutOfRangeException(nameof(Months), Months, $"The CLV horizon must be at least 1 month, was {Months}.");

    /// <summary>d: the monthly discount rate.</summary>
    public double MonthlyDiscountRate { get; } = MonthlyDiscountRate is >= 0 and < 1
        ? MonthlyDiscountRate
        : throw new ArgumentOutOfRangeException(
            nameof(MonthlyDiscountRate),
            MonthlyDiscountRate,
            $"The monthly discount rate must be at least 0 and below 1 (0.01 for 1% a month), was {MonthlyDiscountRate}.");

    /// <summary>m: the profit margin applied to revenue.</summary>
    public double Margin { get; } = Margin is > 0 and <= 1
        ? Margin
        : throw new ArgumentOutOfRangeException(
            nameof(Margin),
            Margin,
            $"The margin must be above 0 and at most 1 (0.3 keeps 30% of revenue as profit; 1 values revenue), was {Margin}.");

    /// <summary>The model's time unit.</summary>
    public TimeUnit TimeUnit { get; } = Enum.IsDefined(TimeUnit)
        ? TimeUnit
        : throw new ArgumentOutOfRangeException(nameof(TimeUnit), TimeUnit, "Unknown time unit.");

    /// <summary>One month (365.25 / 12 days) in the model's time unit: 1 for months, 4.348… for weeks, 30.4375 for days.</summary>
    public double MonthLength => TimeUnit.FromDays(TimeUnits.DaysPerMonth);

    /// <summary>The horizon H months in the model's time unit.</summary>
    public double Horizon => Months * MonthLength;

    /// <summary>The monthly rate equivalent to an annual one: (1 + annual)^(1/12) − 1.</summary>
    /// <param name="annualRate">The annual discount rate, 0 or more (0.1 for 10% a year).</param>
    public static double MonthlyRateFromAnnual(double annualRate)
    {
        if (!double.IsFinite(annualRate) || annualRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(annualRate), annualRate, "The annual discount rate must be finite and 0 or more.");
        }

        return Math.Pow(1 + annualRate, 1.0 / 12) - 1;
    }

    /// <summary>(1 + d)^−i for i = 1..H.</summary>
    internal double[] DiscountFactors()
    {
        var factors = new double[Months];
        var factor = 1.0;
        for (var i = 0; i < Months; i++)
        {
            factor /= 1 + MonthlyDiscountRate;
            factors[i] = factor;
        }

        return factors;
    }
}
